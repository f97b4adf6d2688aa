/** What the gateway knows about one request once its token is verified. */
export interface GatewayContext {
  readonly requestId: string;
  readonly unit: string;
  readonly tokenId: string;
  readonly purpose?: string;
  readonly scope?: ReadonlyArray<string>;
}
