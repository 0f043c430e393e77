package dev.bgcopy.benchmarks;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The same file, from the same loopback server, downloaded by the simulator and by {@code curl -o},
 * interleaved (simulator, curl, simulator, curl, ...) so that drifts of the machine hit both alike;
 * reports the median of each and their ratio.
 *
 * <p>The server is nginx serving a real file when nginx is installed, else the build's
 * {@link MockWebServer} serving the same bytes; both sides always use the same one. The simulator runs in a child JVM started
 * with {@code -Xmx64m}, so a finished run is itself proof that the heap target held.
 *
 * <p>Usage: {@code ThroughputComparison [--size BYTES] [--runs N] [--out FILE.json]}.
 */
public final class ThroughputComparison {

    private ThroughputComparison() {
    }

    public static void main(String[] args) throws Exception {
        long size = 1L << 30;
        int runs = 3;
        Path out = Path.of("benchmarks/target/results/throughput.json");
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--size" -> size = Long.parseLong(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("bgcopy-throughput");
        try (Server server = startServer(work, size)) {
            List<Long> simulatorNanos = new ArrayList<>();
            List<Long> curlNanos = new ArrayList<>();
            long peakHeap = 0;
            long peakRss = 0;
            for (int run = 0; run < runs; run++) {
                Path simFile = work.resolve("sim-" + run + ".bin");
                Map<String, Object> sim = JSON.std.mapFrom(runProcess(List.of(javaBinary(), "-Xmx64m", "-cp",
                        System.getProperty("java.class.path"), SimulatorDownload.class.getName(),
                        server.uri().toString(), simFile.toString())));
                checkSize(simFile, size, "simulator");
                Files.delete(simFile);
                simulatorNanos.add(((Number) sim.get("nanos")).longValue());
                peakHeap = Math.max(peakHeap, ((Number) sim.get("peakHeapBytes")).longValue());
                peakRss = Math.max(peakRss, ((Number) sim.get("peakRssKiB")).longValue());

                Path curlFile = work.resolve("curl-" + run + ".bin");
                long start = System.nanoTime();
                runProcess(List.of("curl", "-sS", "--fail", "-o", curlFile.toString(), server.uri().toString()));
                curlNanos.add(System.nanoTime() - start);
                checkSize(curlFile, size, "curl");
                Files.delete(curlFile);
                System.err.printf("run %d: simulator %.2f s, curl %.2f s%n", run + 1,
                        simulatorNanos.get(run) / 1e9, curlNanos.get(run) / 1e9);
            }
            long simMedian = median(simulatorNanos);
            long curlMedian = median(curlNanos);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("server", server.name());
            result.put("bytes", size);
            result.put("runs", runs);
            result.put("simulatorMedianNanos", simMedian);
            result.put("curlMedianNanos", curlMedian);
            result.put("simulatorNanos", simulatorNanos);
            result.put("curlNanos", curlNanos);
            result.put("ratio", (double) simMedian / curlMedian);
            result.put("simulatorXmx", "64m");
            result.put("peakHeapBytes", peakHeap);
            result.put("peakRssKiB", peakRss);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(result));
            System.out.println(JSON.std.asString(result));
        } finally {
            try (var files = Files.list(work)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    private static void checkSize(Path file, long size, String who) throws IOException {
        if (Files.size(file) != size) {
            throw new IllegalStateException(who + " wrote " + Files.size(file) + " bytes, expected " + size);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String runProcess(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " failed: " + stdout);
        }
        return stdout.trim();
    }

    /** A running loopback server of {@code /file}. */
    private interface Server extends AutoCloseable {
        URI uri();

        String name();

        @Override
        void close() throws IOException, InterruptedException;
    }

    private static Server startServer(Path work, long size) throws IOException, InterruptedException {
        java.util.Optional<Path> nginx = findExecutable("nginx");
        if (nginx.isPresent()) {
            return startNginx(nginx.get(), work, size);
        }
        MockWebServer mock = MockWebServer.start();
        mock.serve("/file", content(size));
        return new Server() {
            @Override
            public URI uri() {
                return mock.url("/file");
            }

            @Override
            public String name() {
                return "MockWebServer (nginx not installed)";
            }

            @Override
            public void close() {
                mock.close();
            }
        };
    }

    private static Server startNginx(Path executable, Path work, long size) throws IOException, InterruptedException {
        Path root = Files.createDirectories(work.resolve("www"));
        writeContent(root.resolve("file"), size);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path conf = work.resolve("nginx.conf");
        Files.writeString(conf, String.join("\n",
                "worker_processes 1;",
                "daemon off;",
                "pid " + work.resolve("nginx.pid") + ";",
                "error_log " + work.resolve("error.log") + ";",
                "events { worker_connections 64; }",
                "http {",
                "  access_log off;",
                "  sendfile on;",
                "  client_body_temp_path " + work + ";",
                "  proxy_temp_path " + work + ";",
                "  fastcgi_temp_path " + work + ";",
                "  uwsgi_temp_path " + work + ";",
                "  scgi_temp_path " + work + ";",
                "  server { listen 127.0.0.1:" + port + "; root " + root + "; }",
                "}", ""));
        Process nginx = new ProcessBuilder(executable.toString(), "-c", conf.toString(), "-p", work.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("nginx.out").toFile()).start();
        URI uri = URI.create("http://127.0.0.1:" + port + "/file");
        awaitListening(port, nginx);
        return new Server() {
            @Override
            public URI uri() {
                return uri;
            }

            @Override
            public String name() {
                return "nginx " + nginxVersion(executable);
            }

            @Override
            public void close() throws IOException, InterruptedException {
                nginx.destroy();
                nginx.waitFor(10, TimeUnit.SECONDS);
                Files.deleteIfExists(root.resolve("file"));
                Files.deleteIfExists(root);
            }
        };
    }

    private static void awaitListening(int port, Process nginx) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx exited with " + nginx.exitValue());
            }
            try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                // Poll: nginx has no readiness signal we can wait on; it is a startup probe, not test synchronisation.
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port);
    }

    /** The bytes the MockWebServer would serve, so nginx and it send the same file. */
    private static void writeContent(Path file, long size) throws IOException {
        PseudoRandomContent content = content(size);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                int length = (int) Math.min(block.length, size - written);
                content.read(written, block, 0, length);
                out.write(block, 0, length);
            }
        }
    }

    private static PseudoRandomContent content(long size) {
        return new PseudoRandomContent(size, 20261121L);
    }

    /** {@code command} on the PATH, or in /usr/sbin where Debian installs nginx (not on a user's PATH). */
    private static java.util.Optional<Path> findExecutable(String command) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)));
        dirs.add("/usr/sbin");
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, command)).filter(Files::isExecutable).findFirst();
    }

    private static String nginxVersion(Path executable) {
        try {
            Process p = new ProcessBuilder(executable.toString(), "-v").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return v.replace("nginx version: ", "");
        } catch (IOException | InterruptedException e) {
            return "(version unknown)";
        }
    }
}
