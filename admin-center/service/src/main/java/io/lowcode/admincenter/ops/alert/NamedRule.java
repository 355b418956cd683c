package io.lowcode.admincenter.ops.alert;

/**
 * What every rule has: its name (as in configuration and on its alerts) and its settings, typed per rule. Rules are
 * {@code @Singleton} beans (no client proxy, so no no-args constructor is needed).
 *
 * @param <C> the rule's settings
 */
abstract class NamedRule<C extends AlertsConfig.Rule> implements AlertRule {

    private final String name;
    protected final C config;

    protected NamedRule(String name, C config) {
        this.name = name;
        this.config = config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AlertsConfig.Rule config() {
        return config;
    }
}
