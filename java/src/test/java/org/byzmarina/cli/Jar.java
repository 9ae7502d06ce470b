package org.byzmarina.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The packaged jar as a user runs it, in a fresh JVM, optionally under a shell setting (umask, ulimit). */
final class Jar {
    record Result(int code, String out, String err) {
    }

    private Jar() {
    }

    static Path path() {
        Path jar = Path.of(System.getProperty("byzmarina.jar", "target/byzmarina.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "packaged jar not found at " + jar);
        return jar;
    }

    /** Starts {@code java -jar byzmarina.jar args} in dir, after the shell commands in {@code shell} (or directly if null). */
    static Process start(Path dir, String shell, String... args) throws IOException {
        return start(dir, shell, List.of(), args);
    }

    /** {@link #start(Path, String, String...)} with JVM options before {@code -jar}. */
    static Process start(Path dir, String shell, List<String> jvm, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (shell != null) {
            cmd.addAll(List.of("sh", "-c", shell + "; exec \"$0\" \"$@\""));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", path().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        return pb.redirectOutput(dir.resolve(".stdout").toFile()).redirectError(dir.resolve(".stderr").toFile()).start();
    }

    static Result run(Path dir, String shell, String... args) throws IOException, InterruptedException {
        return run(dir, shell, List.of(), args);
    }

    /** {@link #run(Path, String, String...)} with JVM options before {@code -jar}. */
    static Result run(Path dir, String shell, List<String> jvm, String... args) throws IOException, InterruptedException {
        Process p = start(dir, shell, jvm, args);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + String.join(" ", args));
        Result r = new Result(p.exitValue(), Files.readString(dir.resolve(".stdout"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve(".stderr"), StandardCharsets.UTF_8));
        Files.delete(dir.resolve(".stdout"));
        Files.delete(dir.resolve(".stderr"));
        return r;
    }

    /** Names in dir (not recursive), sorted. */
    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
