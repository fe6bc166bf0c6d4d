// Every state-changing route is wrapped here, so none can forget the checks:
// same origin, JSON only, errors answered as JSON; `userAction` also needs a
// session and passes the signed-in user.
import { failure, refuseCrossSite, refuseNonJson, unauthorized } from './http';
import type { User } from './db';
import { currentUser } from './session';

type Handler = (request: Request) => Promise<Response>;

export function action(handler: Handler): Handler {
  return async (request) => {
    const refused = refuseCrossSite(request) ?? refuseNonJson(request);
    if (refused) return refused;
    try {
      return await handler(request);
    } catch (error) {
      return failure(error);
    }
  };
}

export function userAction(handler: (request: Request, user: User) => Promise<Response>): Handler {
  return action(async (request) => {
    const user = await currentUser();
    return user ? handler(request, user) : unauthorized();
  });
}
