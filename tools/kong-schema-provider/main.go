// Command terraform-provider-kong is a schema stand-in for the community provider kevholditch/kong
// 6.5.1, which no package registry reachable from this project's CI serves.
//
// It answers GetProviderSchema with the provider's real schema (src/providers/kong/provider-schema.json,
// the output of `terraform providers schema -json` on the real 6.5.1 binary, embedded at build time),
// so `terraform validate` checks configurations against it: unknown, missing and mistyped attributes
// and blocks, block counts. It accepts every configuration the schema accepts (the real provider's own
// per-field validation functions are NOT reproduced) and refuses every RPC that would plan, apply,
// read, import or move a resource. scripts/toolchain.sh builds it and installs it in the offline
// provider mirror as kevholditch/kong 6.5.1 when the real provider cannot be built.
package main

import (
	_ "embed"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tfprotov5/tf5server"
)

const providerAddress = "registry.terraform.io/kevholditch/kong"

// provider-schema.json is copied next to this file by scripts/toolchain.sh before building; it is
// not committed here (see .gitignore).
//
//go:embed provider-schema.json
var providerSchemaJSON []byte

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "-version" || os.Args[1] == "--version") {
		fmt.Println(standInNotice)
		return
	}
	schema, err := loadSchema(providerSchemaJSON, providerAddress)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kong schema stand-in:", err)
		os.Exit(1)
	}
	if err := tf5server.Serve(providerAddress, func() tfprotov5.ProviderServer {
		return newServer(schema)
	}); err != nil {
		fmt.Fprintln(os.Stderr, "kong schema stand-in:", err)
		os.Exit(1)
	}
}
