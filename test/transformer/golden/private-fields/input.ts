// Classes with #private instance state get a registration of a reader and a
// writer of their private fields, and constructors and field initializers that
// do nothing while the runtime restores an instance; so does a subclass.
"use durable";
class Account {
  #balance = 0;
  owner = "nobody";
  constructor(owner: string) {
    this.owner = owner;
  }
  #audit() {
    return this.#balance >= 0;
  }
  deposit(n: number) {
    this.#balance += n;
    return this.#audit();
  }
}
class Savings extends Account {
  rate = 0.01;
}
export async function open(owner: string) {
  const a = new Savings(owner);
  await null;
  return a.deposit(1);
}
