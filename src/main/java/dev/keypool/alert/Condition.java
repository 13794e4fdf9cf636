package dev.keypool.alert;

/**
 * A rule's condition that holds now for one subject ({@code key:<id>}, {@code provider:<id>},
 * {@code route:<id>}, {@code writer}, or whatever a fed rule names), with the words its alert carries.
 * Never holds a secret.
 */
public record Condition(RuleKind rule, String subject, String title, String detail) {}
