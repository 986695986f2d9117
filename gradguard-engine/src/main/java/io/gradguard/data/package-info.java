/**
 * Training data: {@link io.gradguard.data.Dataset} (features and targets as tensors, validated finite),
 * seeded train/validation {@link io.gradguard.data.Dataset#split splits}, the
 * {@link io.gradguard.data.Standardizer}, the mini-batch {@link io.gradguard.data.DataLoader} whose epoch
 * order is reproducible from the seed alone, the synthetic {@link io.gradguard.data.Generator}s
 * (spirals, circles, blobs, xor, parity, sine), {@link io.gradguard.data.Images} (oriented bars, shapes),
 * {@link io.gradguard.data.Sequences} (the adding and temporal-order problems), and the loaders
 * {@link io.gradguard.data.CsvLoader} and {@link io.gradguard.data.IdxLoader} (MNIST's format).
 */
package io.gradguard.data;
