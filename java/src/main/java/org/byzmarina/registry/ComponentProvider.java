package org.byzmarina.registry;

import java.util.List;
import java.util.ServiceLoader;
import org.byzmarina.config.Component;
import org.byzmarina.config.Values;
import org.byzmarina.problems.ProblemEnv;
import org.byzmarina.problems.ProblemInstance;

/**
 * Components that live outside this module (the neural-network problems of the nn module, say),
 * found as {@link ServiceLoader} finds them: a jar that lists an implementation in
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

    /**
     * Every provider on the class path, in class-path order (each class once), as
     * {@link ServiceLoader} finds class-path providers: the provider files' lines, {@code #} comments
     * and blanks ignored, each class made through its public no-argument constructor. Read directly
     * because byzmarina runs from the class path, where ServiceLoader would first walk every module
     * of the boot layer: about a third of the registry's start-up.
     */
    static List<ComponentProvider> installed() {
        ClassLoader loader = ComponentProvider.class.getClassLoader();
        List<ComponentProvider> found = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try {
            java.util.Enumeration<java.net.URL> files = loader.getResources("META-INF/services/" + ComponentProvider.class.getName());
            while (files.hasMoreElements()) {
                java.net.URL file = files.nextElement();
                try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(file.openStream(),
                        java.nio.charset.StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        int comment = line.indexOf('#');
                        String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                        if (!name.isEmpty() && seen.add(name)) {
                            found.add(loader.loadClass(name).asSubclass(ComponentProvider.class).getConstructor().newInstance());
                        }
                    }
                }
            }
        } catch (java.io.IOException | ReflectiveOperationException | ClassCastException e) {
            throw new java.util.ServiceConfigurationError(ComponentProvider.class.getName() + ": " + e, e);
        }
        return List.copyOf(found);
    }
}
