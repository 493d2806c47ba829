"""`procdesk demo` and `procdesk sandbox`: the only code outside the tests that uses the
sandbox. `environment` starts the sandbox and a throwaway home, keyring and ledger;
`scenario` plays the story; `quotes` writes the demo's quote files; `sandbox` serves the
emulator on its own."""
