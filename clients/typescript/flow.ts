// A client of the service written only against types generated from docs/openapi.json (openapi-typescript) and
// openapi-fetch, with no casts and no non-null assertions: it compiles under strict only if the document says which
// fields are always there, what each error body is and which values an enum takes. It is compiled by `npm run check`
// (see README, "Development notes"), not run.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/api";

type Problem = components["schemas"]["Problem"];
type ProblemCode = components["schemas"]["ProblemCode"];

export function describe(problem: Problem): string {
  const fields = (problem.errors ?? []).map((e) => `${e.field} ${e.reason}`).join("; ");
  switch (problem.code) {
    case "OUT_OF_STOCK":
      return `sold out: items ${(problem.itemIds ?? []).join(", ")}`;
    case "INVALID_REQUEST":
      return `invalid: ${fields}`;
    case "LOCK_TIMEOUT":
    case "LOCK_UNAVAILABLE":
    case "PAYMENT_OUTCOME_UNKNOWN":
      return `busy (${problem.status}), retry: ${problem.detail}`;
    case "PAYMENT_DECLINED":
      return `declined by the payment gateway (${problem.pgCode ?? "no code"})`;
    default:
      return `${problem.code}: ${problem.detail}`;
  }
}

// A confirm refused for good: repeating it answers the same. The cases compile only if ProblemCode lists both codes,
// and `pgCode` is read as the document types it: a string on a problem that may not carry one.
export type ConfirmRefusal =
  | { code: "PAYMENT_DECLINED"; pgCode: string | undefined }
  | { code: "PAYMENT_AMOUNT_MISMATCH"; detail: string };

export function confirmRefusal(problem: Problem): ConfirmRefusal | null {
  switch (problem.code) {
    case "PAYMENT_DECLINED":
      return { code: problem.code, pgCode: problem.pgCode };
    case "PAYMENT_AMOUNT_MISMATCH":
      return { code: problem.code, detail: problem.detail };
    default:
      return null;
  }
}

// Type-level checks: every error body is exactly a Problem (not `never` or `unknown`, which would let the calls above
// compile without proving anything), and every answer's fields are required.
type IsExactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Client = ReturnType<typeof createClient<paths>>;
type ErrorOf<T extends (...args: never[]) => Promise<{ error?: unknown }>> = NonNullable<Awaited<ReturnType<T>>["error"]>;
declare const client: Client;
const placeOrder = (body: components["schemas"]["PlaceOrderRequest"]) => client.POST("/api/v1/orders", { body });
const getItem = (itemId: number) => client.GET("/api/v1/items/{itemId}", { params: { path: { itemId } } });
const confirmPayment = (userId: number, paymentId: string, body: components["schemas"]["ConfirmPaymentRequest"]) =>
  client.POST("/api/v1/users/{userId}/points/payments/{paymentId}/confirm", { params: { path: { userId, paymentId } }, body });
const getPayment = (userId: number, paymentId: string) =>
  client.GET("/api/v1/users/{userId}/points/payments/{paymentId}", { params: { path: { userId, paymentId } } });
export const orderErrorsAreProblems: IsExactly<ErrorOf<typeof placeOrder>, Problem> = true;
export const itemErrorsAreProblems: IsExactly<ErrorOf<typeof getItem>, Problem> = true;
export const confirmErrorsAreProblems: IsExactly<ErrorOf<typeof confirmPayment>, Problem> = true;
export const paymentErrorsAreProblems: IsExactly<ErrorOf<typeof getPayment>, Problem> = true;
export const confirmedFieldsAreRequired: IsExactly<Required<components["schemas"]["PaymentConfirmed"]>,
  components["schemas"]["PaymentConfirmed"]> = true;
export const paymentFieldsAreRequired: IsExactly<Required<components["schemas"]["Payment"]>, components["schemas"]["Payment"]> = true;
export const orderFieldsAreRequired: IsExactly<Required<components["schemas"]["Order"]>, components["schemas"]["Order"]> = true;

export const retryable: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  "CONCURRENT_UPDATE", "LOCK_TIMEOUT", "LOCK_UNAVAILABLE", "PAYMENT_OUTCOME_UNKNOWN",
]);

// `payInWindow` stands for the buyer paying in the payment gateway's window, which hands back the payment's key.
export async function flow(
  baseUrl: string,
  adminToken: string,
  userToken: (userId: number) => string,
  payInWindow: (paymentId: string, amount: number) => Promise<string>,
): Promise<string[]> {
  const log: string[] = [];
  const admin = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${adminToken}` } });

  const created = await admin.POST("/api/v1/users", { body: { name: "kim" } });
  if (created.error) {
    throw new Error(describe(created.error));
  }
  const userId: number = created.data.userId;
  const location: string | null = created.response.headers.get("Location");
  log.push(`user ${userId} (${created.data.name}, balance ${created.data.balance}) at ${location ?? "?"}`);

  const item = await admin.POST("/api/v1/items", { body: { name: "pen", price: 1500, stock: 1 } });
  if (item.error) {
    throw new Error(describe(item.error));
  }
  const itemId: number = item.data.itemId;

  const buyer = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${userToken(userId)}` } });
  const charge = (key: string) => buyer.POST("/api/v1/users/{userId}/points/charge", {
    params: { path: { userId }, header: { "Idempotency-Key": key } },
    body: { amount: 5000 },
  });
  const first = await charge("charge-0001");
  const repeat = await charge("charge-0001");
  if (first.data && repeat.data) {
    log.push(`charged once: ${first.data.balance} === ${repeat.data.balance}`);
  }

  const payment = await buyer.POST("/api/v1/users/{userId}/points/payments", {
    params: { path: { userId } },
    body: { amount: 10000 },
  });
  if (payment.error) {
    throw new Error(describe(payment.error));
  }
  const paymentId: string = payment.data.paymentId;
  const amount: number = payment.data.amount;
  const paymentKey = await payInWindow(paymentId, amount);
  const confirm = (confirmed: number) => buyer.POST("/api/v1/users/{userId}/points/payments/{paymentId}/confirm", {
    params: { path: { userId, paymentId } },
    body: { paymentKey, amount: confirmed },
  });
  // the service refuses another amount before it asks the gateway, so the payment is still there to confirm
  const mismatched = await confirm(amount + 1);
  const refusal = mismatched.error ? confirmRefusal(mismatched.error) : null;
  if (refusal) {
    log.push(refusal.code === "PAYMENT_DECLINED" ? `declined: ${refusal.pgCode ?? "?"}` : `refused: ${refusal.detail}`);
  }
  const confirmed = await confirm(amount);
  if (confirmed.error) {
    const retryAfter: string | null = confirmed.response.headers.get("Retry-After");
    log.push(`${describe(confirmed.error)}${retryAfter === null ? "" : `, after ${retryAfter} s`}`);
  } else {
    const approvedAt: string = confirmed.data.approvedAt;
    log.push(`paid ${confirmed.data.amount} won at ${approvedAt}, balance ${confirmed.data.balance}`);
  }
  const paid = await buyer.GET("/api/v1/users/{userId}/points/payments/{paymentId}", {
    params: { path: { userId, paymentId } },
  });
  if (paid.error) {
    log.push(describe(paid.error));
  } else {
    const balance: number | null = paid.data.balance;
    const pgCode: string | null = paid.data.pgCode;
    log.push(`payment ${paid.data.paymentId} ${paid.data.status}${balance === null ? "" : `, balance ${balance}`}`
      + `${pgCode === null ? "" : ` (${pgCode})`}`);
  }

  const order = await buyer.POST("/api/v1/orders", { body: { userId, lines: [{ itemId, quantity: 1 }] } });
  if (order.error) {
    log.push(describe(order.error));
  } else {
    const status: "PAID" = order.data.status;
    const line = order.data.lines[0];
    log.push(`order ${order.data.orderId} ${status} ${order.data.totalAmount} won, first line ${line ? line.amount : 0}`);
  }

  const soldOut = await buyer.POST("/api/v1/orders", { body: { userId, lines: [{ itemId, quantity: 1 }] } });
  if (soldOut.error) {
    log.push(describe(soldOut.error));
  }

  const history = await buyer.GET("/api/v1/users/{userId}/points/history", {
    params: { path: { userId }, query: { page: 0, size: 20 } },
  });
  for (const entry of history.data?.content ?? []) {
    const type: "CHARGE" | "USE" = entry.type;
    const orderId: number | null = entry.orderId;
    const credited: string | null = entry.paymentId;
    const cause = orderId !== null ? ` (order ${orderId})` : credited !== null ? ` (payment ${credited})` : "";
    log.push(`${entry.createdAt} ${type} ${entry.amount} -> ${entry.balanceAfter}${cause}`);
  }

  const catalogue = await createClient<paths>({ baseUrl }).GET("/api/v1/items", { params: { query: { size: 100 } } });
  if (catalogue.data) {
    log.push(`${catalogue.data.totalElements} items, page ${catalogue.data.page} of size ${catalogue.data.size}`);
  } else if (catalogue.error) {
    log.push(describe(catalogue.error));
  }
  return log;
}
