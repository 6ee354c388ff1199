// Domain classes in a module of their own, with no durable code: the plugin registers them
// because the project uses dispatch-ts, so durable code can hold their instances across awaits.
export class User {
  constructor(
    public name: string,
    public tags: Set<string>,
  ) {}
  greet(): string {
    return `hi ${this.name}`;
  }
}

export class Admin extends User {
  level = 3;
}

export const defaults = { retries: 3 };

export interface Shape {
  kind: string;
}
