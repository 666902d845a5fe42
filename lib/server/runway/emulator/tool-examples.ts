import 'server-only';
import { BACKEND_TOOLS, EMULATED_TOOL_EVENTS, type BackendToolName, type DemoToolName } from '@/lib/tools/catalog';
import type { CreateSessionBody } from './wire-schemas';

type SessionTool = NonNullable<CreateSessionBody['tools']>[number];

/**
 * The arguments the emulated agent calls a tool with, one set per call in turn. A real model fills them from
 * the conversation; the emulator uses the demo tools' own examples (a backend tool's include one that fails),
 * and for any other tool a value of each declared parameter's type (an enum's first option), so the call
 * still validates against its schema.
 */
export function exampleToolArgs(tool: SessionTool, now: Date): Array<Record<string, unknown>> {
  if (tool.type === 'client_event' && tool.name in EMULATED_TOOL_EVENTS) return [{ ...EMULATED_TOOL_EVENTS[tool.name as DemoToolName] }];
  if (tool.type === 'backend_rpc' && tool.name in BACKEND_TOOLS) return BACKEND_TOOLS[tool.name as BackendToolName].examples(now);
  return [declaredExample(tool)];
}

function declaredExample(tool: SessionTool): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const parameter of tool.parameters ?? []) {
    if (parameter.required === false) continue;
    switch (parameter.type) {
      case 'string':
        args[parameter.name] = parameter.enum?.[0] ?? `example ${parameter.name}`;
        break;
      case 'integer':
      case 'number':
        args[parameter.name] = 1;
        break;
      case 'boolean':
        args[parameter.name] = true;
        break;
      case 'array':
        args[parameter.name] = [];
        break;
      case 'object':
        args[parameter.name] = {};
        break;
    }
  }
  return args;
}
