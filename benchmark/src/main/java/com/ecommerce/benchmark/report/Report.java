package com.ecommerce.benchmark.report;

import com.ecommerce.benchmark.baseline.Baselines;
import com.ecommerce.benchmark.burst.Burst;
import com.ecommerce.benchmark.scenario.Scenario;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's output: JSON for machines, Markdown for people, PNG charts. {@code headline} is derived from
 * {@code runs}; {@code warmup} holds each strategy's JIT warm-up curve (empty when the warm-up is off, as in quick
 * mode); {@code burstsWith503} counts the bursts in which at least one request was answered 503;
 * {@code authentication}: each strategy's A/B of {@code info} and {@code info-authenticated} (the figures of the decode
 * timer are in each run's {@code authentication}).
 */
public record Report(Map<String, String> machine, Map<String, String> settings, List<Headline> headline,
                     List<AuthenticationAb> authentication, Map<String, Double> baselines,
                     Baselines.LostUpdates lostUpdates, Baselines.Deadlocks deadlocks,
                     Map<String, List<WarmupWindow>> warmup, List<Burst.Result> bursts, long burstsWith503,
                     List<Run> runs) {

    /** The share of the service's CPU per request that authentication may take in the benchmark's scenarios. */
    public static final double AUTHENTICATION_BUDGET = 0.10;

    public Report(Map<String, String> machine, Map<String, String> settings, Map<String, Double> baselines,
                  Baselines.LostUpdates lostUpdates, Baselines.Deadlocks deadlocks,
                  Map<String, List<WarmupWindow>> warmup, List<Burst.Result> bursts, List<Run> runs,
                  List<AuthenticationAb> authentication) {
        this(machine, settings, Headline.of(runs), authentication, baselines, lostUpdates, deadlocks, warmup, bursts,
                bursts.stream().filter(b -> b.serviceUnavailable() > 0).count(), runs);
    }

    /** Writes {@code results.json}, {@code results.md} and the charts into {@code dir}. */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            json.writeValue(dir.resolve("results.json").toFile(), this);
            Files.writeString(dir.resolve("results.md"), markdown());
            chart(dir.resolve("throughput-1-instance.png"), "Throughput, 1 instance (requests/s)", 1, Run::throughput);
            chart(dir.resolve("throughput-2-instances.png"), "Throughput, 2 instances (requests/s)", 2, Run::throughput);
            chart(dir.resolve("p99-1-instance.png"), "p99 latency, 1 instance (ms)", 1, Run::p99);
            chart(dir.resolve("p99-2-instances.png"), "p99 latency, 2 instances (ms)", 2, Run::p99);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void chart(Path file, String title, int instances, ToDoubleFunction<Run> value) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Run run : runs) {
            // the read scenarios are the CPU floor, not a lock workload: thousands of requests/s would flatten the bars
            if (run.instances() == instances && !Scenario.isRead(run.scenario())) {
                data.addValue(value.applyAsDouble(run), run.strategy(), run.scenario());
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "scenario", null, data, PlotOrientation.VERTICAL,
                true, false, false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 520);
    }

    /** {@code results.md}. */
    public String markdown() {
        return new ResultsMarkdown(this).markdown();
    }
}
