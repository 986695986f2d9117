/**
 * Training data: {@link io.gradguard.data.Dataset} (features and targets as tensors, validated finite),
 * seeded train/validation {@link io.gradguard.data.Dataset#split splits}, the
 * {@link io.gradguard.data.Standardizer}, the mini-batch {@link io.gradguard.data.DataLoader} whose epoch
 * order is reproducible from the seed alone, the synthetic {@link io.gradguard.data.Generator}s
 * (spirals, circles, blobs, xor, parity, sine) and the numeric {@link io.gradguard.data.CsvLoader}.
 */
package io.gradguard.data;
