package io.gradguard.cli.spec;

import java.util.List;
import java.util.Map;

/** Where the examples come from: a seeded synthetic generator, a CSV file or IDX (MNIST-style) files. */
public sealed interface DataSpec {
    /** The spec's {@code data.name}: the generator, {@code csv} or {@code idx}. */
    String name();

    /**
     * A synthetic data set, generated from the run's seed. Generators and params (defaults filled):
     * {@code spirals(samples=1000, classes=3, noise=0.2)}, {@code circles(samples=1000, factor=0.5,
     * noise=0.05)}, {@code blobs(samples=1000, centers=3, features=2, cluster_std=1.0)}, {@code
     * xor(samples=1000, noise=0.1)}, {@code parity(samples=1024, bits=8)}, {@code sine(samples=1000,
     * noise=0.05, periods=2.0)}; images {@code bars(samples=1000, size=16, channels=1, classes=4, noise=0.1)},
     * {@code shapes(samples=1000, size=16, channels=1, noise=0.1)}; sequences {@code adding(samples=2000,
     * length=50)}, {@code temporal_order(samples=2000, length=100)}. Counts are {@code Integer}, the rest
     * {@code Double}.
     */
    record Synthetic(String generator, Map<String, Object> params) implements DataSpec, HasParams {
        public Synthetic {
            params = Catalog.GENERATORS.check("DataSpec", generator, params);
        }

        /** {@code generator} with every param at its default. */
        public static Synthetic of(String generator) {
            if (!Catalog.GENERATORS.members().containsKey(generator)) {
                throw new IllegalArgumentException("DataSpec name must be one of "
                        + Catalog.GENERATORS.members().keySet() + ", got '" + generator + "'");
            }
            return new Synthetic(generator, Catalog.GENERATORS.defaults(generator));
        }

        @Override
        public String name() {
            return generator;
        }
    }

    /**
     * MNIST-style IDX files (MNIST, Fashion-MNIST, KMNIST), plain or gzip-compressed: images {@code [n, rows,
     * cols]} become {@code [n, 1, rows, cols]} scaled to {@code [0, 1]}, labels {@code [n]} class indices.
     *
     * @param images the images file ({@code train-images-idx3-ubyte.gz}), as written in the spec
     * @param labels the labels file, as written in the spec (relative paths are the caller's to resolve)
     */
    record Idx(String images, String labels) implements DataSpec {
        public Idx {
            if (images == null || images.isBlank()) {
                throw new IllegalArgumentException("Idx images must not be empty, got '" + images + "'");
            }
            if (labels == null || labels.isBlank()) {
                throw new IllegalArgumentException("Idx labels must not be empty, got '" + labels + "'");
            }
        }

        @Override
        public String name() {
            return "idx";
        }
    }

    /** The tasks a CSV target can be: class labels, or real values. */
    List<String> TASKS = List.of("classification", "regression");

    /**
     * A CSV file: one example per row, the {@code target} column as label, every other column a feature.
     *
     * @param path        the file, as written in the spec (relative paths are the caller's to resolve)
     * @param target      the target column's header name, or its 0-based index when {@code header} is false
     * @param header      whether the first row names the columns
     * @param delimiter   the one-character field separator
     * @param standardize whether to scale each feature to zero mean and unit variance (training-split stats)
     * @param task        {@code classification} (labels become class indices) or {@code regression}
     */
    record Csv(String path, String target, boolean header, String delimiter, boolean standardize, String task)
            implements DataSpec {
        public Csv {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("Csv path must not be empty, got '" + path + "'");
            }
            if (target == null || target.isEmpty()) {
                throw new IllegalArgumentException("Csv target must not be empty, got '" + target + "'");
            }
            if (delimiter == null || delimiter.length() != 1) {
                throw new IllegalArgumentException("Csv delimiter must be one character, got '" + delimiter + "'");
            }
            if (!TASKS.contains(task)) {
                throw new IllegalArgumentException("Csv task must be one of " + TASKS + ", got '" + task + "'");
            }
        }

        @Override
        public String name() {
            return "csv";
        }
    }
}
