package org.byzmarina.kernels;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Loads the native libraries, OpenBLAS included, when a test JVM starts, before any test runs or
 * starts a thread, as the CLI does on its main thread for its commands other than `run` (see
 * {@link NativeLoading}): tests build dense problems directly and run many things in one JVM. Whether
 * a run loads OpenBLAS by itself is tested on the problems' {@code usesBlas} and in the packaged jar
 * (RunIT). Registered in META-INF/services.
 */
public final class LoadNativeFirst implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeLoading.loadCommon();
        NativeLoading.loadOpenBlas();
    }
}
