import { Rule, RuleInfo } from "./rule";

/**
 * A named set of rules with unique IDs: what a RuleChecker runs and what docs/RULES.md lists. The HA
 * rules (src/ha/rules) and the security rules join one pack (`DEFAULT_RULE_PACK`).
 */
export class RulePack {
  readonly rules: readonly Rule[];
  private readonly byId = new Map<string, Rule>();

  constructor(
    readonly name: string,
    rules: readonly Rule[],
  ) {
    for (const rule of rules) {
      if (this.byId.has(rule.id)) throw new Error(`rule pack ${name}: rule ID ${rule.id} is defined twice`);
      this.byId.set(rule.id, rule);
    }
    this.rules = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The rule IDs, sorted. */
  get ids(): string[] {
    return this.rules.map((rule) => rule.id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): Rule | undefined {
    return this.byId.get(id);
  }

  /** A new pack with these rules added (IDs must stay unique). */
  with(name: string, rules: readonly Rule[]): RulePack {
    return new RulePack(name, [...this.rules, ...rules]);
  }

  /** The rules' documentation, without the check functions. */
  describe(): RuleInfo[] {
    return this.rules.map(({ id, name, level, cause, explanation, fix }) => ({ id, name, level, cause, explanation, fix }));
  }

  /** Markdown for docs/RULES.md: a summary table, then one section per rule. */
  toMarkdown(): string {
    const cell = (text: string) => text.replace(/\|/g, "\\|");
    const lines = [
      `# Rules: ${this.name}`,
      "",
      "Generated from the rule pack; do not edit by hand. Suppress a rule on a construct with",
      "`RuleSuppressions.add(scope, { id, reason })` or for a whole estate in the topology file",
      "(`rules: { suppress: [{ id, reason }] }`); a reason of at least one sentence is required.",
      "",
      "| ID | level | name | cause |",
      "|---|---|---|---|",
      ...this.rules.map((r) => `| ${r.id} | ${r.level} | ${r.name} | ${cell(r.cause)} |`),
      "",
    ];
    for (const r of this.rules) {
      lines.push(`## ${r.id} ${r.name}`, "", `**${r.level}**: ${r.cause}`, "", r.explanation.trim(), "", `**Fix:** ${r.fix.trim()}`, "");
    }
    return lines.join("\n");
  }
}
