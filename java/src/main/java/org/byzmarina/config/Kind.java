package org.byzmarina.config;

/** What a component is; each kind has a selecting setting (e.g. --aggregator for rules). */
public enum Kind {
    METHOD("method", "method", Group.PROTOCOL),
    PROBLEM("problem", "dataset", Group.PROBLEM),
    AGGREGATOR("aggregator", "aggregator", Group.AGGREGATION),
    PRE_AGGREGATOR("pre-aggregator", null, Group.AGGREGATION),
    ATTACK("attack", "attack", Group.ATTACK),
    COMPRESSOR("compressor", "compressor", Group.COMPRESSION);

    public final String label;
    /** The key of the setting that selects a component of this kind (null: each is switched on by its own setting). */
    public final String selector;
    public final Group group;

    Kind(String label, String selector, Group group) {
        this.label = label;
        this.selector = selector;
        this.group = group;
    }
}
