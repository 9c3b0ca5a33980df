// oidc-provider 9 ships no type declarations: this is the part of its surface the sandbox uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type UnknownObject = Record<string, unknown>;

  export interface KoaContextWithOIDC {
    body: unknown;
    set(headers: Record<string, string>): void;
    oidc: {
      route: string;
      params: Record<string, string | undefined>;
      grant?: Grant;
      result?: InteractionResults;
    };
  }

  export interface Client {
    clientId: string;
    sectorIdentifier?: string;
  }

  export interface Interaction {
    uid: string;
    params: Record<string, string | undefined>;
    returnTo: string;
  }

  export interface InteractionResults {
    login?: { accountId: string };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    addRar(detail: UnknownObject): void;
    save(): Promise<string>;
    rar?: UnknownObject[];
  }

  export interface AccessToken {
    jti: string;
    accountId: string;
    clientId: string;
    grantId: string;
    jkt?: string;
    scope?: string;
    rar?: UnknownObject[];
    isExpired: boolean;
  }

  export interface Account {
    accountId: string;
    claims(): UnknownObject | Promise<UnknownObject>;
  }

  export interface Configuration {
    clients: UnknownObject[];
    jwks: { keys: UnknownObject[] };
    cookies: { keys: string[] };
    findAccount(ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined>;
    pairwiseIdentifier(ctx: KoaContextWithOIDC, accountId: string, client: Client): string | Promise<string>;
    interactions: { policy: unknown; url(ctx: KoaContextWithOIDC, interaction: Interaction): string };
    extraParams: Record<string, (ctx: KoaContextWithOIDC, value: string | undefined, client: Client) => void>;
    features: UnknownObject;
    renderError(ctx: KoaContextWithOIDC, out: { error?: string; error_description?: string }, error: Error): void | Promise<void>;
    ttl: Record<string, number>;
    expiresWithSession(): boolean;
    [option: string]: unknown;
  }

  interface GrantConstructor {
    new (properties: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  interface AccessTokenStatic {
    find(value: string): Promise<AccessToken | undefined>;
  }

  interface ClientStatic {
    find(id: string): Promise<Client | undefined>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly Grant: GrantConstructor;
    readonly AccessToken: AccessTokenStatic;
    readonly Client: ClientStatic;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionResult(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>;
    on(event: string, listener: (ctx: KoaContextWithOIDC, error: OIDCProviderError) => void): this;
  }

  export class OIDCProviderError extends Error {
    constructor(message?: string);
    error: string;
    error_description?: string;
    error_detail?: string;
    status: number;
  }

  export const errors: {
    InvalidRequest: new (description?: string) => OIDCProviderError;
    InvalidTarget: new (description?: string) => OIDCProviderError;
    InvalidAuthorizationDetails: new (description?: string) => OIDCProviderError;
  };

  export namespace interactionPolicy {
    interface Check {
      readonly reason: string;
    }
    interface Prompt {
      readonly name: string;
    }
    const Check: {
      readonly REQUEST_PROMPT: true;
      readonly NO_NEED_TO_PROMPT: false;
      new (reason: string, description: string, check: (ctx: KoaContextWithOIDC) => boolean): Check;
    };
    const Prompt: new (options: { name: string; requestable: boolean }, ...checks: Check[]) => Prompt;
    interface Policy extends Array<Prompt> {
      get(name: string): Prompt | undefined;
      remove(name: string): void;
      add(prompt: Prompt, index?: number): void;
    }
    function base(): Policy;
  }

  export default Provider;
}
