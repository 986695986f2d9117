/**
 * The YAML run spec of {@code gradguard train}: the records a spec resolves to ({@link
 * io.gradguard.cli.spec.RunSpec} and its parts), the parser that reads them with line numbers and
 * {@code --set} overrides ({@link io.gradguard.cli.spec.SpecParser}), and the writer of the resolved spec
 * ({@link io.gradguard.cli.spec.SpecWriter}).
 *
 * <p>Pure data, parsing and validation: nothing here builds engine objects. That includes the shape of an
 * example followed through the layers ({@link io.gradguard.cli.spec.ModelShapes}), which the parser checks and
 * the model factory builds from. Every error is a {@link
 * io.gradguard.cli.spec.SpecException} naming the key path and the line ({@code spec.yaml:12:
 * optimizer.lr: must be > 0, got -0.1}). The key reference is {@code spec-reference.md} in the module's
 * resources.
 */
package io.gradguard.cli.spec;
