package org.byzmarina.config;

/** The groups a run's settings fall into (help, run.json and docs list them in this order). */
public enum Group {
    PROBLEM("problem"),
    PROTOCOL("protocol"),
    AGGREGATION("aggregation"),
    ATTACK("attack"),
    COMPRESSION("compression"),
    OUTPUT("output");

    public final String label;

    Group(String label) {
        this.label = label;
    }
}
