package org.byzmarina.aggregation;

import org.byzmarina.kernels.Kernels;

/**
 * What an aggregation component's factory needs besides its settings: the engine, the Byzantine
 * budget rules are told (protocol: min(⌈(B/n)·m⌉, cap); aggregate: literal), and the server side
 * (CClip's centre, FLTrust and MoNNA's trusted vector).
 */
public record AggregationEnv(Kernels kernels, ByzantineBudget budget, ServerSide server) {
}
