package dev.lifecycle.benchmarks;

/**
 * The stand-in host agents: {@code sh} scripts that print {@code ready} once their traps are
 * set, then block in {@code read} on a pipe from the agent host. Blocking in a builtin keeps
 * them free of child processes and of CPU use (a {@code sleep} loop would fork hundreds of
 * times a second across 200 agents on two cores), and end-of-file on that pipe ends every
 * kind, so an agent cannot outlive its host.
 */
enum AgentKind {

    /** Exits at once on SIGINT or SIGTERM, as a Lima host agent that shuts down promptly. */
    GRACEFUL("trap 'exit 0' INT TERM; echo ready; read line; exit 0"),

    /** Ignores SIGINT and SIGTERM: only SIGKILL (or end of input) ends it. */
    IGNORING("trap '' INT TERM; echo ready; read line; exit 0"),

    /** No traps: used by the exit-latency trials, which end it with SIGKILL. */
    PLAIN("echo ready; read line; exit 0");

    private final String script;

    AgentKind(String script) {
        this.script = script;
    }

    String script() {
        return script;
    }
}
