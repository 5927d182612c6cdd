package dev.evalplane.judge.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A tool a judge may call: its name, what it does, and its parameters as JSON Schema. */
public record ToolDefinition(String name, String description, ObjectNode parameters) {
}
