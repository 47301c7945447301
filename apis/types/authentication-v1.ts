// authentication.k8s.io/v1: token reviews, service account token requests and "who am I"
// reviews. None of these is stored; the server answers them on create.

import { defineTypes } from '../schema/dsl.js';

export const types = defineTypes('authentication/v1', `
TokenReview                                  # Asks the server which user a bearer token belongs to.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   TokenReviewSpec   2   req        # The token to check.
  status                 TokenReviewStatus 3              # The answer, filled in by the server.

TokenReviewSpec                              # A token and the audiences it is presented to.
  token                  string            1              # The opaque bearer token.
  audiences              []string          2   list=atomic # Identifiers the token must be meant for; empty means the API server itself.

TokenReviewStatus                            # Whether a token authenticates, and as whom.
  authenticated          bool              1              # True when the token belongs to a known user.
  user                   UserInfo          2              # The user the token belongs to.
  audiences              []string          4   list=atomic # Audiences the token is valid for, among those asked.
  error                  string            3              # Why the token could not be checked.

UserInfo                                     # The identity of a user as the authenticator sees it.
  username               string            1              # Name unique among all current users.
  uid                    string            2              # Identifier unique to this user over time.
  groups                 []string          3   list=atomic # Groups the user belongs to.
  extra                  map[string]ExtraValue 4          # Further attributes from the authenticator.

ExtraValue @stringlist                       # A list of strings; plain array in JSON, wrapped in protobuf.
  items                  []string          1

TokenRequest                                 # Asks for a token for a service account.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  spec                   TokenRequestSpec  2   req        # What the token should be valid for.
  status                 TokenRequestStatus 3             # The issued token, filled in by the server.

TokenRequestSpec                             # The audiences, lifetime and binding of a requested token.
  audiences              []string          1   req list=atomic # Recipients the token is meant for; each must reject tokens not naming it.
  expirationSeconds      int64             4   ptr        # Requested lifetime in seconds; the issuer may choose another.
  boundObjectRef         BoundObjectReference 3           # An object the token lives no longer than.

TokenRequestStatus                           # A token issued for a service account.
  token                  string            1   req keep   # The opaque bearer token.
  expirationTimestamp    meta/v1:Time      2   req keep   # When the token expires.

BoundObjectReference                         # An object a token is bound to: a Pod, Secret or Node.
  kind                   string            1              # Kind of the object.
  apiVersion             string            2              # API version of the object.
  name                   string            3              # Name of the object.
  uid                    string            4   proto=uID  # UID of the object.

SelfSubjectReview                            # Asks the server who the caller is.
  metadata               meta/v1:ObjectMeta 1             # Standard object metadata.
  status                 SelfSubjectReviewStatus 2        # The caller's identity, filled in by the server.

SelfSubjectReviewStatus                      # The identity the server sees for the caller.
  userInfo               UserInfo          1              # User attributes of the caller (or of whom it impersonates).
`);
