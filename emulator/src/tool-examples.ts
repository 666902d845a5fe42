import type { CreateSessionBody } from './wire-schemas';

type SessionTool = NonNullable<CreateSessionBody['tools']>[number];
type ToolParameter = NonNullable<SessionTool['parameters']>[number];

/**
 * The arguments the emulated agent calls a tool with. A real model fills them from the conversation; the
 * emulator knows only the tool as the session's create body declared it, so it makes up a value of each
 * required parameter's type, the way a model reads a schema: an enum's first option, the example a
 * description gives ("like RC-1001", "e.g. blue"), a day for a YYYY-MM-DD date (the next weekday), else a
 * placeholder. So the call validates against its schema whatever app created the session.
 */
export function exampleToolArgs(tool: SessionTool, now: Date): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const parameter of tool.parameters ?? []) {
    if (parameter.required === false) continue;
    args[parameter.name] = exampleValue(parameter, now);
  }
  return args;
}

function exampleValue(parameter: ToolParameter, now: Date): unknown {
  switch (parameter.type) {
    case 'string':
      return parameter.enum?.[0] ?? exampleString(parameter, now);
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
  }
}

const DAY_MS = 86_400_000;

function exampleString({ name, description }: ToolParameter, now: Date): string {
  if (/YYYY-MM-DD/.test(description)) {
    // The next weekday: a date a booking tool is likely to take.
    let day = new Date(now.getTime() + DAY_MS);
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day = new Date(day.getTime() + DAY_MS);
    return day.toISOString().slice(0, 10);
  }
  const lead = String.raw`\b(?:like|e\.g\.|for example|such as)\s+`;
  const quoted = description.match(new RegExp(`${lead}["“]([^"”]+)["”]`, 'i'))?.[1];
  const bare = description.match(new RegExp(`${lead}([^\\s,;)"“]*[^\\s,;).])`, 'i'))?.[1];
  return quoted ?? bare ?? `example ${name}`;
}
