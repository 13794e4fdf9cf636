package dev.keypool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers --help; a command group without its subcommand is a usage error. */
class CliHelpTest {

  @Test
  void every_command_at_every_depth_prints_its_usage_for_help() {
    List<List<String>> paths = new ArrayList<>();
    collect(Main.commandLine(), new ArrayList<>(), paths);
    assertThat(paths).contains(List.of("migrate"), List.of("keys", "import"), List.of("admin", "reset-password"),
        List.of("check-upstream"), List.of("prices", "export"));
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      String[] out = new String[1];
      assertThat(run(args, out)).as(String.join(" ", args)).isZero();
      assertThat(out[0]).as(String.join(" ", args)).startsWith("Usage: keypool" + (path.isEmpty() ? "" : " " + String.join(" ", path)));
    }
  }

  @Test
  void the_config_option_names_its_defaults() {
    String[] out = new String[1];
    run(List.of("migrate", "--help"), out);
    assertThat(out[0]).contains("--config=FILE").contains("$KEYPOOL_CONFIG");
  }

  @Test
  void a_group_without_a_subcommand_is_a_usage_error() {
    for (String group : List.of("keys", "prices", "admin")) {
      assertThat(run(List.of(group), new String[1])).as(group).isEqualTo(2);
    }
  }

  private static void collect(CommandLine cli, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    cli.getSubcommands().forEach((name, sub) -> {
      List<String> next = new ArrayList<>(path);
      next.add(name);
      collect(sub, next, out);
    });
  }

  private static int run(List<String> args, String[] out) {
    CommandLine cli = Main.commandLine();
    StringWriter o = new StringWriter();
    cli.setOut(new PrintWriter(o, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    int code = cli.execute(args.toArray(String[]::new));
    out[0] = o.toString();
    return code;
  }
}
