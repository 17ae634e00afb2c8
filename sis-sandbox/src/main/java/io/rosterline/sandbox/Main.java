package io.rosterline.sandbox;

import java.time.Instant;

/** Command line entry point: {@code java -jar sis-sandbox.jar --port 8090 --students 2000}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        SandboxSis.Config cfg = SandboxSis.Config.defaults().host("0.0.0.0").port(8090);
        String writeCsv = null;
        boolean csvV12 = false;
        Faults faults = new Faults();
        String mutations = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> cfg = cfg.port(Integer.parseInt(args[++i]));
                case "--host" -> cfg = cfg.host(args[++i]);
                case "--students" -> cfg = cfg.students(Integer.parseInt(args[++i]));
                case "--seed" -> cfg = cfg.seed(Long.parseLong(args[++i]));
                case "--domain" -> cfg = cfg.domain(args[++i]);
                case "--school-year" -> cfg = cfg.schoolYear(Integer.parseInt(args[++i]));
                case "--base-modified" -> cfg = cfg.baseModified(Instant.parse(args[++i]));
                case "--client-id" -> cfg = cfg.credentials(args[++i], cfg.clientSecret());
                case "--client-secret" -> cfg = cfg.credentials(cfg.clientId(), args[++i]);
                case "--threads" -> cfg = cfg.threads(Integer.parseInt(args[++i]));
                case "--write-csv" -> writeCsv = args[++i];
                case "--csv-version" -> csvV12 = "1.2".equals(args[++i]);
                case "--mutations" -> mutations = args[++i];
                case "--fault-429-every" -> faults.http429Every = Integer.parseInt(args[++i]);
                case "--fault-429-burst" -> faults.http429Burst.set(Integer.parseInt(args[++i]));
                case "--fault-503-every" -> faults.http503Every = Integer.parseInt(args[++i]);
                case "--fault-503-burst" -> faults.http503Burst.set(Integer.parseInt(args[++i]));
                case "--fault-retry-after" -> faults.retryAfterSeconds = Integer.parseInt(args[++i]);
                case "--fault-delay-ms" -> faults.delayMs = Integer.parseInt(args[++i]);
                case "--fault-max-limit" -> faults.maxLimit = Integer.parseInt(args[++i]);
                case "--fault-omit-count-headers" -> faults.omitCountHeaders = true;
                case "--fault-reset-every" -> faults.resetEvery = Integer.parseInt(args[++i]);
                case "--fault-short-page-every" -> faults.shortPageEvery = Integer.parseInt(args[++i]);
                case "--token-ttl-seconds" -> faults.tokenTtlSeconds = Long.parseLong(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("see sis-sandbox/README.md for every option");
                    return;
                }
                default -> {
                    System.err.println("unknown option " + a + " (see sis-sandbox/README.md)");
                    System.exit(2);
                }
            }
        }
        if (writeCsv != null) {
            // offline mode: generate the bulk CSV zip to a file and exit (no server left running)
            SandboxSis sis = SandboxSis.start(cfg.host("127.0.0.1").port(0));
            try {
                if (mutations != null) {
                    sis.applyMutations(mutations.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                long t0 = System.nanoTime();
                java.nio.file.Path out = java.nio.file.Path.of(writeCsv);
                sis.writeCsvZip(out, csvV12);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                Summary sum = sis.expectedSummary();
                System.out.println("wrote " + out.toAbsolutePath() + " (OneRoster " + (csvV12 ? "1.2" : "1.1") + ", "
                        + java.nio.file.Files.size(out) + " bytes, " + sum.get("users").active() + " users, "
                        + sum.get("enrollments").active() + " enrollments) in " + ms + " ms");
            } finally {
                sis.stop();
            }
            return;
        }
        SandboxSis sis = SandboxSis.start(cfg);
        sis.faults().copyFrom(faults);
        if (mutations != null) {
            sis.applyMutations(mutations.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(sis::stop));
        System.out.println("sis-sandbox listening on " + sis.baseUrl() + " (" + cfg.students() + " students, seed " + cfg.seed()
                + "); OneRoster 1.1 at " + sis.oneRoster11Url());
        Thread.currentThread().join();
    }
}
