package io.gradguard.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private long filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void createsThenReplacesWithoutLeavingATempFile() throws IOException {
        Path target = dir.resolve("ckpt.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        AtomicFiles.writeString(target, "new");
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void streamingContentIsWrittenWhole() throws IOException {
        Path target = dir.resolve("big.bin");
        byte[] chunk = new byte[100_000];
        chunk[99_999] = 7;
        AtomicFiles.write(target, out -> {
            out.write(chunk);
            out.write(chunk);
        });
        assertThat(Files.size(target)).isEqualTo(200_000);
        assertThat(Files.readAllBytes(target)[199_999]).isEqualTo((byte) 7);
    }

    @Test
    void aFailingWriterLeavesTheOldContentAndNoTempFile() throws IOException {
        Path target = dir.resolve("state.json");
        AtomicFiles.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void relativeTargetsWork() throws IOException {
        Path target = dir.resolve("sub");
        Files.createDirectory(target);
        Path file = Path.of("").toAbsolutePath().relativize(target.resolve("f.txt"));
        AtomicFiles.writeString(file, "x");
        assertThat(Files.readString(target.resolve("f.txt"))).isEqualTo("x");
        assertThat(filesIn(target)).isEqualTo(1);
    }
}
