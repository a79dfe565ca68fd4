import { Construct, IConstruct } from "constructs";
import { defineRule, Rule } from "../../../../src/core/rules/rule";

/** A construct that is "bad" when its `bad` flag is set. */
export class Widget extends Construct {
  constructor(
    scope: Construct,
    id: string,
    readonly bad: boolean,
  ) {
    super(scope, id);
  }
}

export function widgetRule(id = "KHA-TEST-001", level: "error" | "warning" = "error"): Rule<Widget> {
  return defineRule<Widget>({
    id,
    name: "bad-widget",
    level,
    cause: "A widget is bad.",
    explanation: "Bad widgets break things.",
    fix: "Make it good.",
    appliesTo: (node: IConstruct): node is Widget => node instanceof Widget,
    check: (w) => (w.bad ? [`widget ${w.node.id} is bad.`] : []),
  });
}
