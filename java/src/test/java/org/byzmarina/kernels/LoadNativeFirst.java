package org.byzmarina.kernels;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Loads the native libraries when a test JVM starts, before any test runs or starts a thread, as the
 * CLI does on its main thread (see {@link NativeLoading}). Registered in META-INF/services.
 */
public final class LoadNativeFirst implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeLoading.loadCommon();
    }
}
