package dev.keypool.translate;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool the model may call: its name, description and the JSON schema of its arguments. */
public record Tool(String name, String description, JsonNode parameters) {}
