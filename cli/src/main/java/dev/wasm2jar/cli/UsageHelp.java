package dev.wasm2jar.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.Ansi.IStyle;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.IParamLabelRenderer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How every {@code --help} of wasm2jar looks: {@code usage: ...}, a description, then {@code options:} (and
 * {@code commands:}) in the order declared, no colours, and option values written as on the command line
 * ({@code --dir GUEST:HOST}; {@code --dir=GUEST:HOST} is accepted too).
 */
final class UsageHelp {
    /** Columns of help text; the descriptions wrap within it. */
    static final int WIDTH = 110;
    /** Columns for an option with its value, such as {@code --tcplisten HOST:PORT}, before its description. */
    private static final int LONG_OPTIONS = 24;

    private static final IParamLabelRenderer LABELS = new IParamLabelRenderer() {
        @Override
        public Text renderParameterLabel(ArgSpec arg, Ansi ansi, List<IStyle> styles) {
            if (arg.arity().max() == 0) {
                return ansi.new Text("");
            }
            return ansi.new Text((arg.isOption() ? " " : "") + arg.paramLabel());
        }

        @Override
        public String separator() {
            return " ";
        }
    };

    private UsageHelp() {}

    /** Styles {@code cli} and all its subcommands. */
    static void style(CommandLine cli) {
        cli.setColorScheme(Help.defaultColorScheme(Ansi.OFF))
                .setUsageHelpWidth(WIDTH)
                .setUsageHelpLongOptionsMaxWidth(LONG_OPTIONS)
                .setHelpFactory((spec, colors) -> new Help(spec, colors) {
                    @Override
                    public IParamLabelRenderer parameterLabelRenderer() {
                        return LABELS;
                    }
                });
        headings(cli);
    }

    /** Headings and order for {@code cli} and its subcommands, and {@code -h, --help} for those that lack one. */
    private static void headings(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).order(101).description("this help")
                    .build());
        }
        UsageMessageSpec usage = spec.usageMessage();
        usage.synopsisHeading("usage: ")
                .descriptionHeading("%n")
                .optionListHeading("%noptions:%n")
                .commandListHeading("%ncommands:%n")
                .sortOptions(false)
                .abbreviateSynopsis(false);
        cli.getSubcommands().values().forEach(UsageHelp::headings);
    }
}
