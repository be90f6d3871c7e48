// Passkeys and security keys on the gateway's pages. Kept in a file because the gateway's
// Content-Security-Policy forbids inline script. A form marked data-webauthn="create" or "get"
// carries the server's options (JSON) in data-options; its start button asks the browser, the
// answer goes into the hidden Credential field, and the form is posted. Errors the browser
// reports become plain sentences; the page's other ways to verify stay one link away.
"use strict";

const messages = {
  unsupported: "This browser cannot use passkeys or security keys. Use another way to verify, or try another browser.",
  cancelled: "The request was cancelled or not allowed. Try again, or use another way to verify.",
  timedOut: "The request timed out before your passkey or security key answered. Try again.",
  alreadyRegistered: "This passkey or security key is already registered. Use a different one, or sign in with it.",
  notSupported: "This device cannot make the kind of passkey this site asks for. Try another device or security key.",
  wrongSite: "Passkeys cannot be used at this address. Tell your administrator: the gateway's relying party does not match this site.",
  aborted: "The request was stopped. Try again.",
  failed: "Your passkey or security key could not be used. Try again, or use another way to verify.",
};

const base64url = {
  decode(text) {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
  },
  encode(buffer) {
    const bytes = new Uint8Array(buffer);
    let text = "";
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  },
};

// PublicKeyCredential.parse*OptionsFromJSON where the browser has them (Chrome 129, Firefox 119,
// Safari 18.4); the same conversion by hand elsewhere.
function creationOptions(json) {
  if (PublicKeyCredential.parseCreationOptionsFromJSON) return PublicKeyCredential.parseCreationOptionsFromJSON(json);
  return {
    ...json,
    challenge: base64url.decode(json.challenge),
    user: { ...json.user, id: base64url.decode(json.user.id) },
    excludeCredentials: (json.excludeCredentials || []).map((c) => ({ ...c, id: base64url.decode(c.id) })),
  };
}

function requestOptions(json) {
  if (PublicKeyCredential.parseRequestOptionsFromJSON) return PublicKeyCredential.parseRequestOptionsFromJSON(json);
  return {
    ...json,
    challenge: base64url.decode(json.challenge),
    allowCredentials: (json.allowCredentials || []).map((c) => ({ ...c, id: base64url.decode(c.id) })),
  };
}

// PublicKeyCredential.toJSON() where the browser has it; the same JSON by hand elsewhere.
function toJson(credential) {
  if (typeof credential.toJSON === "function") return credential.toJSON();
  const r = credential.response;
  const response = { clientDataJSON: base64url.encode(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = base64url.encode(r.attestationObject);
    response.transports = typeof r.getTransports === "function" ? r.getTransports() : [];
  } else {
    response.authenticatorData = base64url.encode(r.authenticatorData);
    response.signature = base64url.encode(r.signature);
    if (r.userHandle) response.userHandle = base64url.encode(r.userHandle);
  }
  return {
    id: credential.id,
    rawId: base64url.encode(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment || undefined,
    response,
    clientExtensionResults: credential.getClientExtensionResults(),
  };
}

function explain(error, ceremony, startedAt, timeoutMs) {
  switch (error && error.name) {
    case "NotAllowedError":
      // Browsers report a timeout and a cancel alike; only the time taken tells them apart.
      return timeoutMs && Date.now() - startedAt >= timeoutMs - 1000 ? messages.timedOut : messages.cancelled;
    case "InvalidStateError":
      return ceremony === "create" ? messages.alreadyRegistered : messages.failed;
    case "NotSupportedError":
      return messages.notSupported;
    case "SecurityError":
      return messages.wrongSite;
    case "AbortError":
      return messages.aborted;
    default:
      return messages.failed;
  }
}

for (const form of document.querySelectorAll("form[data-webauthn]")) {
  const ceremony = form.dataset.webauthn;
  const button = form.querySelector("[data-webauthn-start]");
  const field = form.querySelector('input[name="Credential"]');
  const status = form.querySelector("[data-webauthn-error]");
  const show = (text) => {
    status.textContent = text;
    status.hidden = false;
  };

  if (!window.PublicKeyCredential || !navigator.credentials) {
    button.disabled = true;
    show(messages.unsupported);
    continue;
  }

  button.hidden = false;
  button.addEventListener("click", async () => {
    const json = JSON.parse(form.dataset.options);
    const startedAt = Date.now();
    button.disabled = true;
    status.hidden = true;
    try {
      const credential = ceremony === "create"
        ? await navigator.credentials.create({ publicKey: creationOptions(json) })
        : await navigator.credentials.get({ publicKey: requestOptions(json) });
      if (!credential) throw new DOMException("No credential", "NotAllowedError");
      field.value = JSON.stringify(toJson(credential));
      form.submit();
    } catch (error) {
      show(explain(error, ceremony, startedAt, json.timeout));
      button.disabled = false;
    }
  });
}
