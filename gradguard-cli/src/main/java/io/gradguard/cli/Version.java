package io.gradguard.cli;

import picocli.CommandLine;

/** Version line for {@code --version}: the project version and the JVM it runs on. */
public final class Version implements CommandLine.IVersionProvider {
    public static String projectVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"gradguard " + projectVersion(),
            "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
            "gemm " + io.gradguard.tensor.Gemm.implementation()};
    }
}
