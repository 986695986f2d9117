package io.gradguard.autograd;

import io.gradguard.tensor.Shapes;

/** Builds shape errors that name the op, the layer it ran in, and the expected and actual shapes. */
final class ShapeErrors {
    private ShapeErrors() {
    }

    static IllegalArgumentException mismatch(String op, String expected, int[] actual) {
        String where = OpScope.current().isEmpty() ? "" : "Layer '" + OpScope.current() + "' ";
        return new IllegalArgumentException(where + "(" + op + ") expects " + expected + " but got "
                + Shapes.str(actual));
    }

    static void requireRank(String op, Var x, int rank, String expected) {
        if (x.value().rank() != rank) {
            throw mismatch(op, expected, x.value().shape());
        }
    }

    static void requireSameShape(String op, Var a, Var b) {
        if (!a.value().sameShape(b.value())) {
            throw mismatch(op, "shapes to match " + Shapes.str(a.shape()), b.shape());
        }
    }
}
