package io.gradguard.io;

import java.io.IOException;

/**
 * A file's content does not follow its format (a CSV row with a missing field, a truncated safetensors
 * file, a malformed JSON line). The message names the file and, where there is one, the line, column or
 * tensor, and says what was expected and what was found. Like Jackson's {@code JsonParseException} and the
 * JDK's {@code ZipException} it is an {@link IOException}, so callers handle bad files and failed reads in
 * one place.
 */
public final class FileFormatException extends IOException {
    public FileFormatException(String message) {
        super(message);
    }

    public FileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
