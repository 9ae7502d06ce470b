package org.byzmarina.registry;

import java.util.List;
import java.util.ServiceLoader;
import org.byzmarina.config.Component;
import org.byzmarina.config.Values;
import org.byzmarina.problems.ProblemEnv;
import org.byzmarina.problems.ProblemInstance;

/**
 * Components that live outside this module (the neural-network problems of the nn module, say),
 * found with {@link ServiceLoader}: a jar that lists an implementation in
 * {@code META-INF/services/org.byzmarina.registry.ComponentProvider} adds its components to the
 * registry, and so to the `run` flags, JSON keys, help, `list` and run.json, with no change here.
 * Without such a jar on the class path the registry is exactly this module's.
 *
 * <p>Providers are loaded once, when {@link Registry} is initialised (on the main thread, before
 * any command runs), in the order the class path lists them.
 */
public interface ComponentProvider {
    /** Problems this provider adds (appended to {@link Registry#PROBLEMS}). */
    default List<Component<ProblemInstance, ProblemEnv>> problems() {
        return List.of();
    }

    /**
     * The problem this provider claims for a {@code --dataset} value and the settings given (for
     * example a folder of image files, or any dataset when one of its own settings is given), or
     * null. Called on the main thread when a run is configured, so a provider may load its native
     * libraries here (through {@code kernels.NativeLoading}) before other threads start.
     */
    default Component<ProblemInstance, ProblemEnv> problemFor(String dataset, Values values) {
        return null;
    }

    /** Every provider on the class path, in class-path order. */
    static List<ComponentProvider> installed() {
        return ServiceLoader.load(ComponentProvider.class, ComponentProvider.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }
}
