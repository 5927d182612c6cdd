package dev.evalplane.bench;

import java.util.Arrays;

/**
 * One benchmark per JVM ({@code bench/run <benchmark> [--option value ...]}; {@code bench/run all} runs each in
 * turn): ingestion, evaluation-list, judges, cost-latency, online; {@code mlflow-client} runs on its own. A benchmark
 * starts its own Kafka broker, PostgreSQL and
 * the packaged services, prints its figures with the ratio to a limit measured in the same run, and a Markdown
 * table at the end.
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: bench/run ingestion|otlp|evaluation-list|judges|cost-latency|online|mlflow-client|peer|all [--option value ...]");
            System.exit(2);
        }
        Options options = new Options(Arrays.asList(args).subList(1, args.length));
        Report report = new Report();
        report.machine();
        report.line("== %s", args[0]);
        try {
            switch (args[0]) {
                case "ingestion" -> IngestionBench.run(options, report);
                case "evaluation-list" -> EvaluationListBench.run(options, report);
                case "judges" -> JudgesBench.run(options, report);
                case "cost-latency" -> CostLatencyBench.run(options, report);
                case "online" -> OnlineBench.run(options, report);
                case "mlflow-client" -> MlflowClientBench.run(options, report);
                case "otlp" -> OtlpBench.run(options, report, false);
                case "peer" -> OtlpBench.run(options, report, true);
                default -> throw new IllegalArgumentException("unknown benchmark " + args[0]);
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        report.table();
        System.exit(0);
    }

    private Bench() {
    }
}
