package org.convlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convlab.experiments.ExperimentRegistry;
import org.convlab.experiments.RecordingExperiment;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The help a user reads: summaries are whole sentences, and no file name is broken across lines. */
class HelpTextTest {
    /** File names, and abbreviations such as "e.g.", that a line break must not split. */
    private static final Pattern UNBREAKABLE = Pattern.compile(
            "[\\w/-]*\\w\\.(png|svg|json|zip|npz|md|html)\\b|\\b\\w\\.\\w\\.");

    private final CommandLine cli = ConvLabCommand.commandLine(ExperimentRegistry.canonical());

    @Test
    void everyCommandSummaryInTheCommandListIsAWholeSentence() {
        String usage = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
        Map<String, String> summaries = new LinkedHashMap<>();
        String current = null;
        boolean inList = false;
        for (String line : usage.lines().toList()) {
            if (line.equals("Commands:")) {
                inList = true;
            } else if (inList && line.isBlank()) {
                break;
            } else if (inList && line.matches("  \\S.*")) {
                String[] parts = line.strip().split("\\s+", 2);
                current = parts[0];
                summaries.put(current, parts.length > 1 ? parts[1] : "");
            } else if (inList && current != null) {
                summaries.put(current, summaries.get(current) + " " + line.strip());
            }
        }
        assertEquals(cli.getSubcommands().keySet(), summaries.keySet(), usage);
        summaries.forEach((command, summary) -> assertTrue(summary.endsWith("."),
                command + ": the summary is cut: '" + summary + "'"));
    }

    @Test
    void noFileNameIsSplitAcrossLinesInAnyHelp() {
        List<CommandLine> commands = new ArrayList<>(List.of(cli));
        commands.addAll(cli.getSubcommands().values());
        for (CommandLine command : commands) {
            String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            CommandSpec spec = command.getCommandSpec();
            StringBuilder source = new StringBuilder(String.join(" ", spec.usageMessage().description()));
            for (OptionSpec option : spec.options()) {
                source.append(' ').append(String.join(" ", option.description()));
            }
            Matcher m = UNBREAKABLE.matcher(source);
            while (m.find()) {
                assertTrue(usage.contains(m.group()), spec.qualifiedName() + ": '" + m.group()
                        + "' is split across lines:\n" + usage);
            }
        }
    }

    @Test
    void listWrapsEachClaimToTheWidthUnderItsId() {
        CommandLine c = ConvLabCommand.commandLine(new ExperimentRegistry(List.of(new RecordingExperiment("a-long-id"))));
        StringWriter out = new StringWriter();
        c.setOut(new PrintWriter(out, true));
        ((ListCommand) c.getSubcommands().get("list").getCommand()).width = 50;
        assertEquals(0, c.execute("list"));
        List<String> lines = out.toString().lines().toList();
        for (String line : lines) {
            assertTrue(line.length() <= 50, "longer than 50: '" + line + "'");
        }
        int first = lines.indexOf(lines.stream().filter(l -> l.startsWith("  a-long-id")).findFirst().orElseThrow());
        assertTrue(lines.get(first + 1).startsWith(" ".repeat(10)) || lines.get(first + 1).endsWith("."),
                "a continuation line is indented under the claim: " + lines);
        String claims = String.join(" ", lines).replaceAll("\\s+", " ");
        assertTrue(claims.contains("a-long-id Running an experiment is observable."), claims);
    }
}
