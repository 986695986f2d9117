/**
 * Files a run writes and reads: {@link io.gradguard.io.AtomicFiles} (temp file, fsync, atomic rename),
 * {@link io.gradguard.io.SafeTensors} (the Hugging Face weights format, F32), {@link io.gradguard.io.JsonLines}
 * (one JSON object per line, for {@code metrics.jsonl} and {@code incidents.jsonl}) and
 * {@link io.gradguard.io.FileFormatException}, the error for a file whose content breaks its format.
 */
package io.gradguard.io;
