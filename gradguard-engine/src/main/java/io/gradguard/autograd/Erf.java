package io.gradguard.autograd;

/** The error function, for GELU's normal CDF. */
final class Erf {
    private Erf() {
    }

    /** {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2}. */
    static double normalCdf(double x) {
        return 0.5 * (1.0 + erf(x / Math.sqrt(2.0)));
    }

    /**
     * erf by W. J. Cody's rational approximations (as in many libm implementations), accurate to
     * about 1e-15 relative, far below float32 resolution.
     */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 0.5) {
            double t = x * x;
            double num = (((0.185777706184603153 * t + 3.16112374387056560) * t + 113.864154151050156) * t
                    + 377.485237685302021) * t + 3209.37758913846947;
            double den = (((t + 23.6012909523441209) * t + 244.024637934444173) * t + 1282.61652607737228) * t
                    + 2844.23683343917062;
            return x * num / den;
        } else if (ax < 4.0) {
            // Cody's P/Q of degree 8: num = c8 y^8 + c0 y^7 + ... + c7, den = y^8 + d0 y^7 + ... + d7.
            double num = ((((((((2.15311535474403846e-8 * ax + 0.564188496988670089) * ax + 8.88314979438837594) * ax
                    + 66.1191906371416295) * ax
                    + 298.635138197400131) * ax + 881.952221241769090) * ax + 1712.04761263407058) * ax
                    + 2051.07837782607147) * ax + 1230.33935479799725);
            double den = (((((((ax + 15.7449261107098347) * ax + 117.693950891312499) * ax
                    + 537.181101862009858) * ax + 1621.38957456669019) * ax + 3290.79923573345963) * ax
                    + 4362.61909014324716) * ax + 3439.36767414372164) * ax + 1230.33935480374942;
            r = Math.exp(-ax * ax) * num / den;
        } else {
            double z = 1.0 / (ax * ax);
            double num = ((((0.0163153871373020978 * z + 0.305326634961232344) * z + 0.360344899949804439) * z
                    + 0.125781726111229246) * z + 0.0160837851487422766) * z + 0.000658749161529837803;
            double den = ((((z + 2.56852019228982242) * z + 1.87295284992346725) * z + 0.527905102951428412) * z
                    + 0.0605183413124413191) * z + 0.00233520497626869185;
            r = Math.exp(-ax * ax) / ax * (0.564189583547756287 - z * num / den);
        }
        double e = 1.0 - r;
        return x < 0 ? -e : e;
    }
}
