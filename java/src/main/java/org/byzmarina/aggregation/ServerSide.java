package org.byzmarina.aggregation;

/**
 * What a rule may ask of the server at the moment it aggregates: CClip's starting point and the
 * trusted vector of FLTrust and MoNNA. The protocol answers for the round in progress (the server's
 * previous output in the same space, and its own vector computed on its root sample exactly as an
 * honest client would this round); the `aggregate` command answers from --center and --reference.
 */
public interface ServerSide {
    /**
     * CClip's v₀: the server's previous output in the space being aggregated (0 for differences,
     * g^k for full vectors), or null for the zero vector.
     */
    double[] center();

    /**
     * The trusted vector r (length d), computed on demand.
     *
     * @throws IllegalArgumentException if there is none (a rule that needs it was given no reference)
     */
    double[] reference();

    /** Zero centre, no reference. */
    ServerSide NONE = new ServerSide() {
        @Override
        public double[] center() {
            return null;
        }

        @Override
        public double[] reference() {
            throw new IllegalArgumentException("this rule needs a trusted reference vector (--reference FILE.npy in aggregate)");
        }
    };

    /** Fixed vectors (either may be null: zero centre, no reference). */
    static ServerSide of(double[] center, double[] reference) {
        return new ServerSide() {
            @Override
            public double[] center() {
                return center;
            }

            @Override
            public double[] reference() {
                if (reference == null) {
                    return NONE.reference();
                }
                return reference;
            }
        };
    }
}
