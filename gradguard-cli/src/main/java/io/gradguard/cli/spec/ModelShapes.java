package io.gradguard.cli.spec;

import java.util.List;

/**
 * Follows the shape of one example through {@code model.layers}, the way the model will compute it, and
 * reports the first layer that cannot take what flows in as a {@link SpecException} naming the layer's key
 * path, its line and both shapes:
 * <pre>
 * spec.yaml:14: model.layers[3].dense: expects a vector input but gets [16, 8, 8]; add flatten before it
 * </pre>
 * The rules: dense takes a vector; conv2d, the pools and global_avgpool take an image ({@code OH =
 * floor((H + 2 padding - kernel_size) / stride) + 1}, as PyTorch); rnn, lstm, gru ({@code [T, F] -> [T,
 * hidden_size]}) and last_step ({@code [T, H] -> [H]}) take a sequence; flatten makes a vector of anything;
 * batchnorm takes a vector or an image; activations, dropout and layernorm keep any shape. A residual's
 * block must keep its input's shape unless a projection can map one to the other (see {@link Shortcut}).
 *
 * <p>The parser checks every spec this way, and {@code ModelFactory} builds the network from the same walk
 * ({@link #walk} with a {@link Visitor}), so the two cannot disagree.
 */
public final class ModelShapes {
    private ModelShapes() {
    }

    /** What {@link #walk} reports, in model order; repeats are unrolled, residuals entered and left. */
    public interface Visitor {
        /**
         * A layer other than repeat and residual, with the shape it takes and makes. An {@link
         * IllegalArgumentException} thrown here becomes a {@link SpecException} at {@code path}.
         *
         * @param path the layer's key path, type included ({@code model.layers[3].dense})
         */
        default void layer(String path, LayerSpec layer, ExampleShape in, ExampleShape out) {
        }

        /** Before the residual's block: its layers follow until {@link #exitResidual}. */
        default void enterResidual(String path, LayerSpec.Residual residual, ExampleShape in) {
        }

        /** After the residual's block, with the shortcut that adds {@code in} to the block's output. */
        default void exitResidual(String path, LayerSpec.Residual residual, ExampleShape in, ExampleShape out,
                                  Shortcut shortcut) {
        }
    }

    /** How a residual connection carries its input to the sum. */
    public sealed interface Shortcut {
        /** {@code y = x + block(x)}. */
        record Identity() implements Shortcut {
        }

        /** {@code y = x W^T + block(x)}: a bias-free dense layer {@code [out, in]} for vectors. */
        record DenseProjection(int in, int out) implements Shortcut {
        }

        /** {@code y = conv1x1(x) + block(x)}: a bias-free 1x1 convolution, strided to the block's size. */
        record ConvProjection(int inChannels, int outChannels, int stride) implements Shortcut {
        }
    }

    /** Checks the model's shapes; returns the shape of the model's output. */
    public static ExampleShape check(ModelSpec model, SpecLines lines) {
        return walk(model, lines, new Visitor() {
        });
    }

    /** Walks the model, telling {@code visitor} each layer with its shapes; returns the output's shape. */
    public static ExampleShape walk(ModelSpec model, SpecLines lines, Visitor visitor) {
        return walk(model.layers(), "model.layers", model.inputShape(), lines, visitor, "");
    }

    private static ExampleShape walk(List<LayerSpec> layers, String listPath, ExampleShape in, SpecLines lines,
                                     Visitor v, String repetition) {
        ExampleShape cur = in;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String path = listPath + "[" + i + "]." + key(layer);
            if (layer instanceof LayerSpec.Repeat r) {
                for (int t = 0; t < r.times(); t++) {
                    String rep = r.times() > 1 && t > 0 ? " (in repetition " + (t + 1) + " of " + r.times() + ")"
                            : repetition;
                    cur = walk(r.layers(), path + ".layers", cur, lines, v, rep);
                }
            } else if (layer instanceof LayerSpec.Residual res) {
                ExampleShape x = cur;
                call(lines, path, repetition, () -> v.enterResidual(path, res, x));
                ExampleShape out = walk(res.layers(), path + ".layers", x, lines, v, repetition);
                Shortcut s = call(lines, path, repetition, () -> shortcut(res, x, out));
                call(lines, path, repetition, () -> v.exitResidual(path, res, x, out, s));
                cur = out;
            } else {
                ExampleShape x = cur;
                ExampleShape out = call(lines, path, repetition, () -> output(layer, x));
                call(lines, path, repetition, () -> v.layer(path, layer, x, out));
                cur = out;
            }
        }
        return cur;
    }

    private static void call(SpecLines lines, String path, String repetition, Runnable r) {
        call(lines, path, repetition, () -> {
            r.run();
            return null;
        });
    }

    private static <T> T call(SpecLines lines, String path, String repetition, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw lines.errorAt(path, e.getMessage() + repetition);
        }
    }

    /**
     * The shape {@code layer} makes of {@code in} (any layer but repeat and residual), or an {@link
     * IllegalArgumentException} saying why it cannot take {@code in}.
     */
    public static ExampleShape output(LayerSpec layer, ExampleShape in) {
        ExampleShape.Kind kind = in.kind();
        if (layer instanceof LayerSpec.Dense d) {
            requireVector(in);
            return ExampleShape.of(d.units());
        }
        if (layer instanceof LayerSpec.Act || layer instanceof LayerSpec.Dropout
                || layer instanceof LayerSpec.LayerNorm) {
            return in;
        }
        if (layer instanceof LayerSpec.BatchNorm) {
            if (kind == ExampleShape.Kind.SEQUENCE) {
                throw new IllegalArgumentException("normalises a vector (BatchNorm1d) or an image (BatchNorm2d) but "
                        + "gets the sequence " + in + "; use layernorm for sequences");
            }
            return in;
        }
        if (layer instanceof LayerSpec.Flatten) {
            return ExampleShape.of(in.numel());
        }
        if (layer instanceof LayerSpec.Conv2d c) {
            requireImage(in);
            return window(in, c.outChannels(), c.kernelSize(), c.stride(), c.padding());
        }
        if (layer instanceof LayerSpec.MaxPool2d p) {
            requireImage(in);
            return window(in, in.dim(0), p.kernelSize(), p.stride(), p.padding());
        }
        if (layer instanceof LayerSpec.AvgPool2d p) {
            requireImage(in);
            return window(in, in.dim(0), p.kernelSize(), p.stride(), p.padding());
        }
        if (layer instanceof LayerSpec.GlobalAvgPool) {
            requireImage(in);
            return ExampleShape.of(in.dim(0));
        }
        if (layer instanceof LayerSpec.Recurrent r) {
            requireSequence(in);
            return ExampleShape.of(in.dim(0), r.hiddenSize());
        }
        if (layer instanceof LayerSpec.LastStep) {
            requireSequence(in);
            return ExampleShape.of(in.dim(1));
        }
        throw new IllegalArgumentException("has no single-layer shape rule: " + layer);
    }

    /**
     * The shortcut of a residual whose block turns {@code in} into {@code out}: the identity when they agree
     * (unless {@code projection: true}), else a projection when {@code projection} allows one and one exists.
     */
    public static Shortcut shortcut(LayerSpec.Residual r, ExampleShape in, ExampleShape out) {
        boolean same = in.equals(out);
        if (same && r.projection() != LayerSpec.Projection.ALWAYS) {
            return new Shortcut.Identity();
        }
        String turns = "the block turns " + in + " into " + out;
        if (!same && r.projection() == LayerSpec.Projection.NEVER) {
            throw new IllegalArgumentException(turns + " but projection is false; keep the shape in the block, "
                    + "or let a projection match it (projection: auto)");
        }
        if (in.kind() != out.kind()) {
            throw new IllegalArgumentException(turns + ": a projection maps a vector to a vector or an image to an "
                    + "image, not " + in.kind().text() + " to " + out.kind().text() + "; keep the kind in the block");
        }
        switch (in.kind()) {
            case VECTOR:
                return new Shortcut.DenseProjection(in.dim(0), out.dim(0));
            case IMAGE:
                for (int s = 1; s <= Math.max(in.dim(1), in.dim(2)); s++) {
                    if ((in.dim(1) - 1) / s + 1 == out.dim(1) && (in.dim(2) - 1) / s + 1 == out.dim(2)) {
                        return new Shortcut.ConvProjection(in.dim(0), out.dim(0), s);
                    }
                }
                throw new IllegalArgumentException(turns + ": no stride of a 1x1 convolution maps " + in.dim(1) + "x"
                        + in.dim(2) + " to " + out.dim(1) + "x" + out.dim(2) + "; change the block's stride or "
                        + "padding");
            default:
                throw new IllegalArgumentException(turns + ": sequences have no projection; keep the shape in the "
                        + "block");
        }
    }

    private static ExampleShape window(ExampleShape in, int channels, int kernel, int stride, int padding) {
        int oh = Math.floorDiv(in.dim(1) + 2 * padding - kernel, stride) + 1;
        int ow = Math.floorDiv(in.dim(2) + 2 * padding - kernel, stride) + 1;
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("kernel_size " + kernel + " with padding " + padding
                    + " does not fit the input " + in + " (the output would be " + Math.max(oh, 0) + "x"
                    + Math.max(ow, 0) + ")");
        }
        return ExampleShape.of(channels, oh, ow);
    }

    private static void requireVector(ExampleShape in) {
        switch (in.kind()) {
            case IMAGE -> throw new IllegalArgumentException("expects a vector input but gets " + in
                    + "; add flatten before it");
            case SEQUENCE -> throw new IllegalArgumentException("expects a vector input but gets the sequence " + in
                    + "; add last_step (or flatten) before it");
            default -> {
            }
        }
    }

    private static void requireImage(ExampleShape in) {
        if (in.kind() != ExampleShape.Kind.IMAGE) {
            throw new IllegalArgumentException("expects an image input [C, H, W] but gets " + in);
        }
    }

    private static void requireSequence(ExampleShape in) {
        if (in.kind() != ExampleShape.Kind.SEQUENCE) {
            throw new IllegalArgumentException("expects a sequence input [T, F] but gets " + in);
        }
    }

    /** The key a layer is written under: {@code dense}, {@code conv2d}, an activation's name, ... */
    public static String key(LayerSpec layer) {
        return LayerReader.key(layer);
    }
}
