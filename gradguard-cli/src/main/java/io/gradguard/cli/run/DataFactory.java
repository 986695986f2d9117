package io.gradguard.cli.run;

import io.gradguard.cli.spec.DataSpec;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.data.CsvLoader;
import io.gradguard.data.CsvOptions;
import io.gradguard.data.Dataset;
import io.gradguard.data.Generator;
import io.gradguard.data.IdxLoader;
import io.gradguard.data.Images;
import io.gradguard.data.Sequences;
import io.gradguard.data.Standardizer;
import io.gradguard.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads or generates the data a spec names (a generator, a CSV file, IDX files) and splits it into training
 * and validation sets.
 */
public final class DataFactory {
    private DataFactory() {
    }

    /**
     * Resolves a data path (CSV or IDX): as written if absolute, else relative to the spec file's folder, else relative to
     * the working directory.
     */
    public static Path resolveCsv(String path, Path specDir) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p;
        }
        if (specDir != null && Files.exists(specDir.resolve(p))) {
            return specDir.resolve(p).toAbsolutePath().normalize();
        }
        return p.toAbsolutePath().normalize();
    }

    /** The whole dataset before the split. */
    public static Dataset load(RunSpec spec, Path specDir, Rng rng) {
        DataSpec d = spec.data();
        try {
            if (d instanceof DataSpec.Synthetic s) {
                return generate(s, rng.fork("data"));
            }
            if (d instanceof DataSpec.Idx x) {
                return IdxLoader.load(existing(spec, "data.images", x.images(), specDir),
                        existing(spec, "data.labels", x.labels(), specDir));
            }
            DataSpec.Csv c = (DataSpec.Csv) d;
            CsvOptions options = new CsvOptions(c.target(), c.header(), c.delimiter().charAt(0),
                    c.task().equals("regression") ? CsvOptions.Task.REGRESSION : CsvOptions.Task.CLASSIFICATION);
            return CsvLoader.load(resolveCsv(c.path(), specDir), options);
        } catch (IOException e) {
            throw spec.errorAt("data", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw spec.errorAt("data", e.getMessage());
        }
    }

    /** A data file that must exist, resolved as a CSV path; else a spec error at {@code key}. */
    private static Path existing(RunSpec spec, String key, String path, Path specDir) {
        Path p = resolveCsv(path, specDir);
        if (!Files.isRegularFile(p)) {
            throw spec.errorAt(key, "no such file: " + p + (Path.of(path).isAbsolute() ? ""
                    : " (a relative path is read from the spec's folder, else the working directory)"));
        }
        return p;
    }

    /** Splits, and standardises with statistics of the training part when the spec asks for it. */
    public static Dataset.Split split(RunSpec spec, Dataset all, Rng rng) {
        Dataset.Split split = all.split(spec.training().validationSplit(), rng.fork("split"));
        if (spec.data() instanceof DataSpec.Csv c && c.standardize()) {
            Standardizer st = Standardizer.fit(split.train());
            return new Dataset.Split(st.apply(split.train()), st.apply(split.validation()));
        }
        return split;
    }

    /** Generates a synthetic data set: tabular ({@link Generator}), images ({@link Images}) or sequences. */
    static Dataset generate(DataSpec.Synthetic s, Rng rng) {
        return switch (s.generator()) {
            case "bars" -> new Images.Bars(s.integer("samples"), s.integer("size"), s.integer("channels"),
                    s.integer("classes"), s.real("noise")).generate(rng);
            case "shapes" -> new Images.Shapes(s.integer("samples"), s.integer("size"), s.integer("channels"),
                    s.real("noise")).generate(rng);
            case "adding" -> new Sequences.Adding(s.integer("samples"), s.integer("length")).generate(rng);
            case "temporal_order" -> new Sequences.TemporalOrder(s.integer("samples"), s.integer("length"))
                    .generate(rng);
            default -> generator(s).generate(rng);
        };
    }

    static Generator generator(DataSpec.Synthetic s) {
        return switch (s.generator()) {
            case "spirals" -> new Generator.Spirals(s.integer("samples"), s.integer("classes"), s.real("noise"));
            case "circles" -> new Generator.Circles(s.integer("samples"), s.real("factor"), s.real("noise"));
            case "blobs" -> new Generator.Blobs(s.integer("samples"), s.integer("centers"), s.integer("features"),
                    s.real("cluster_std"));
            case "xor" -> new Generator.Xor(s.integer("samples"), s.real("noise"));
            case "parity" -> new Generator.Parity(s.integer("samples"), s.integer("bits"));
            case "sine" -> new Generator.Sine(s.integer("samples"), s.real("noise"), s.real("periods"));
            default -> throw new IllegalArgumentException("unknown generator '" + s.generator() + "'");
        };
    }
}
