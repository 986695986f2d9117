/**
 * Weight initialisers with the formulas and defaults of {@code torch.nn.init}: the {@link
 * io.gradguard.nn.init.Init} variants (constant, normal, uniform, Glorot/Xavier, He/Kaiming, LeCun,
 * orthogonal), the {@link io.gradguard.nn.init.Fans fan} computation for {@code [out, in, ...]} weights, and
 * the recommended {@link io.gradguard.nn.init.Nonlinearity#gain gain} per nonlinearity.
 */
package io.gradguard.nn.init;
