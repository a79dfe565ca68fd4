package main

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// refusal is the summary of every diagnostic for an RPC this stand-in cannot serve.
const refusal = "schema stand-in for kevholditch/kong 6.5.1: it can validate configurations but not plan or apply; install the real provider (registry access: terraform init)"

const standInNotice = "terraform-provider-kong 6.5.1 schema stand-in (cdktf-kong-ha tools/kong-schema-provider): validates configurations against the real provider schema, cannot plan or apply"

func refuse(rpc, typeName string) []*tfprotov5.Diagnostic {
	what := rpc
	if typeName != "" {
		what = fmt.Sprintf("%s for %s", rpc, typeName)
	}
	return []*tfprotov5.Diagnostic{{
		Severity: tfprotov5.DiagnosticSeverityError,
		Summary:  refusal,
		Detail: what + " was refused. This binary serves only the schema of kevholditch/kong 6.5.1 " +
			"(built by scripts/toolchain.sh from tools/kong-schema-provider because no reachable package " +
			"registry has the real provider). To plan or apply Kong resources, run terraform without " +
			"TF_CLI_CONFIG_FILE pointing at the cdktf-kong-ha mirror, so `terraform init` installs the " +
			"real provider from registry.terraform.io.",
	}}
}

type server struct {
	schema *convertedSchema
}

var _ tfprotov5.ProviderServer = (*server)(nil)

func newServer(schema *convertedSchema) *server { return &server{schema: schema} }

// --- provider -------------------------------------------------------------------------------

func (s *server) GetMetadata(context.Context, *tfprotov5.GetMetadataRequest) (*tfprotov5.GetMetadataResponse, error) {
	resp := &tfprotov5.GetMetadataResponse{ServerCapabilities: &tfprotov5.ServerCapabilities{}}
	for _, name := range sortedKeys(s.schema.ResourceSchemas) {
		resp.Resources = append(resp.Resources, tfprotov5.ResourceMetadata{TypeName: name})
	}
	for _, name := range sortedKeys(s.schema.DataSourceSchemas) {
		resp.DataSources = append(resp.DataSources, tfprotov5.DataSourceMetadata{TypeName: name})
	}
	return resp, nil
}

func (s *server) GetProviderSchema(context.Context, *tfprotov5.GetProviderSchemaRequest) (*tfprotov5.GetProviderSchemaResponse, error) {
	return &tfprotov5.GetProviderSchemaResponse{
		ServerCapabilities:       &tfprotov5.ServerCapabilities{},
		Provider:                 s.schema.Provider,
		ResourceSchemas:          s.schema.ResourceSchemas,
		DataSourceSchemas:        s.schema.DataSourceSchemas,
		Functions:                map[string]*tfprotov5.Function{},
		EphemeralResourceSchemas: map[string]*tfprotov5.Schema{},
	}, nil
}

func (s *server) GetResourceIdentitySchemas(context.Context, *tfprotov5.GetResourceIdentitySchemasRequest) (*tfprotov5.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov5.GetResourceIdentitySchemasResponse{
		IdentitySchemas: map[string]*tfprotov5.ResourceIdentitySchema{},
	}, nil
}

// PrepareProviderConfig is protocol 5's ValidateProviderConfig: accept the configuration unchanged.
func (s *server) PrepareProviderConfig(_ context.Context, req *tfprotov5.PrepareProviderConfigRequest) (*tfprotov5.PrepareProviderConfigResponse, error) {
	return &tfprotov5.PrepareProviderConfigResponse{PreparedConfig: req.Config}, nil
}

func (s *server) ConfigureProvider(context.Context, *tfprotov5.ConfigureProviderRequest) (*tfprotov5.ConfigureProviderResponse, error) {
	return &tfprotov5.ConfigureProviderResponse{}, nil
}

func (s *server) StopProvider(context.Context, *tfprotov5.StopProviderRequest) (*tfprotov5.StopProviderResponse, error) {
	return &tfprotov5.StopProviderResponse{}, nil
}

// --- managed resources ----------------------------------------------------------------------

func (s *server) ValidateResourceTypeConfig(context.Context, *tfprotov5.ValidateResourceTypeConfigRequest) (*tfprotov5.ValidateResourceTypeConfigResponse, error) {
	return &tfprotov5.ValidateResourceTypeConfigResponse{}, nil
}

// UpgradeResourceState passes the stored state through unchanged (re-encoded with the schema's type),
// so that a state written by the real provider can be read back by `terraform validate`/`show`.
func (s *server) UpgradeResourceState(_ context.Context, req *tfprotov5.UpgradeResourceStateRequest) (*tfprotov5.UpgradeResourceStateResponse, error) {
	schema, ok := s.schema.ResourceSchemas[req.TypeName]
	if !ok {
		return &tfprotov5.UpgradeResourceStateResponse{Diagnostics: []*tfprotov5.Diagnostic{{
			Severity: tfprotov5.DiagnosticSeverityError,
			Summary:  "Unknown resource type",
			Detail:   fmt.Sprintf("kevholditch/kong 6.5.1 has no resource type %q.", req.TypeName),
		}}}, nil
	}
	typ := schema.ValueType()
	if req.RawState == nil {
		return &tfprotov5.UpgradeResourceStateResponse{}, nil
	}
	value, err := req.RawState.UnmarshalWithOpts(typ, tfprotov5.UnmarshalOpts{
		// Like the plugin SDKs: drop attributes the schema no longer has instead of failing.
		ValueFromJSONOpts: tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true},
	})
	if err != nil {
		return &tfprotov5.UpgradeResourceStateResponse{Diagnostics: []*tfprotov5.Diagnostic{{
			Severity: tfprotov5.DiagnosticSeverityError,
			Summary:  "Cannot read stored state",
			Detail:   fmt.Sprintf("State of %s does not match the kevholditch/kong 6.5.1 schema: %s", req.TypeName, err),
		}}}, nil
	}
	upgraded, err := tfprotov5.NewDynamicValue(typ, value)
	if err != nil {
		return nil, err
	}
	return &tfprotov5.UpgradeResourceStateResponse{UpgradedState: &upgraded}, nil
}

func (s *server) ReadResource(_ context.Context, req *tfprotov5.ReadResourceRequest) (*tfprotov5.ReadResourceResponse, error) {
	return &tfprotov5.ReadResourceResponse{Diagnostics: refuse("ReadResource", req.TypeName)}, nil
}

func (s *server) PlanResourceChange(_ context.Context, req *tfprotov5.PlanResourceChangeRequest) (*tfprotov5.PlanResourceChangeResponse, error) {
	return &tfprotov5.PlanResourceChangeResponse{Diagnostics: refuse("PlanResourceChange", req.TypeName)}, nil
}

func (s *server) ApplyResourceChange(_ context.Context, req *tfprotov5.ApplyResourceChangeRequest) (*tfprotov5.ApplyResourceChangeResponse, error) {
	return &tfprotov5.ApplyResourceChangeResponse{Diagnostics: refuse("ApplyResourceChange", req.TypeName)}, nil
}

func (s *server) ImportResourceState(_ context.Context, req *tfprotov5.ImportResourceStateRequest) (*tfprotov5.ImportResourceStateResponse, error) {
	return &tfprotov5.ImportResourceStateResponse{Diagnostics: refuse("ImportResourceState", req.TypeName)}, nil
}

func (s *server) MoveResourceState(_ context.Context, req *tfprotov5.MoveResourceStateRequest) (*tfprotov5.MoveResourceStateResponse, error) {
	return &tfprotov5.MoveResourceStateResponse{Diagnostics: refuse("MoveResourceState", req.TargetTypeName)}, nil
}

func (s *server) UpgradeResourceIdentity(_ context.Context, req *tfprotov5.UpgradeResourceIdentityRequest) (*tfprotov5.UpgradeResourceIdentityResponse, error) {
	return &tfprotov5.UpgradeResourceIdentityResponse{Diagnostics: refuse("UpgradeResourceIdentity", req.TypeName)}, nil
}

// --- data sources (kevholditch/kong 6.5.1 has none) -----------------------------------------

func (s *server) ValidateDataSourceConfig(context.Context, *tfprotov5.ValidateDataSourceConfigRequest) (*tfprotov5.ValidateDataSourceConfigResponse, error) {
	return &tfprotov5.ValidateDataSourceConfigResponse{}, nil
}

func (s *server) ReadDataSource(_ context.Context, req *tfprotov5.ReadDataSourceRequest) (*tfprotov5.ReadDataSourceResponse, error) {
	return &tfprotov5.ReadDataSourceResponse{Diagnostics: refuse("ReadDataSource", req.TypeName)}, nil
}

// --- functions and ephemeral resources (none in kevholditch/kong 6.5.1) ---------------------

func (s *server) GetFunctions(context.Context, *tfprotov5.GetFunctionsRequest) (*tfprotov5.GetFunctionsResponse, error) {
	return &tfprotov5.GetFunctionsResponse{Functions: map[string]*tfprotov5.Function{}}, nil
}

func (s *server) CallFunction(_ context.Context, req *tfprotov5.CallFunctionRequest) (*tfprotov5.CallFunctionResponse, error) {
	return &tfprotov5.CallFunctionResponse{Error: &tfprotov5.FunctionError{
		Text: fmt.Sprintf("%s: function %q does not exist", refusal, req.Name),
	}}, nil
}

func (s *server) ValidateEphemeralResourceConfig(context.Context, *tfprotov5.ValidateEphemeralResourceConfigRequest) (*tfprotov5.ValidateEphemeralResourceConfigResponse, error) {
	return &tfprotov5.ValidateEphemeralResourceConfigResponse{}, nil
}

func (s *server) OpenEphemeralResource(_ context.Context, req *tfprotov5.OpenEphemeralResourceRequest) (*tfprotov5.OpenEphemeralResourceResponse, error) {
	return &tfprotov5.OpenEphemeralResourceResponse{Diagnostics: refuse("OpenEphemeralResource", req.TypeName)}, nil
}

func (s *server) RenewEphemeralResource(_ context.Context, req *tfprotov5.RenewEphemeralResourceRequest) (*tfprotov5.RenewEphemeralResourceResponse, error) {
	return &tfprotov5.RenewEphemeralResourceResponse{Diagnostics: refuse("RenewEphemeralResource", req.TypeName)}, nil
}

func (s *server) CloseEphemeralResource(context.Context, *tfprotov5.CloseEphemeralResourceRequest) (*tfprotov5.CloseEphemeralResourceResponse, error) {
	return &tfprotov5.CloseEphemeralResourceResponse{}, nil
}
