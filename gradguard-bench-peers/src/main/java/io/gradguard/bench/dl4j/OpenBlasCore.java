package io.gradguard.bench.dl4j;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Map;
import org.bytedeco.javacpp.Loader;

/**
 * Asks the OpenBLAS that ND4J loaded which kernels it runs ({@code openblas_get_corename()}, e.g.
 * {@code SkylakeX}, or {@code Prescott} for the generic fallback). The JavaCPP preset does not map that
 * function, so it is called through JNA on the library file JavaCPP loaded.
 */
final class OpenBlasCore {
    private OpenBlasCore() {
    }

    static String name() {
        try {
            for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
                String path = e.getValue();
                if (path != null && path.contains("libopenblas")) {
                    Function f = NativeLibrary.getInstance(path).getFunction("openblas_get_corename");
                    return f.invokeString(new Object[0], false);
                }
            }
            return "unknown (OpenBLAS not loaded yet)";
        } catch (RuntimeException | LinkageError e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
