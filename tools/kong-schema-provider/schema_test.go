package main

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestEmbeddedSchemaConverts(t *testing.T) {
	s, err := loadSchema(providerSchemaJSON, providerAddress)
	if err != nil {
		t.Fatal(err)
	}
	svc, ok := s.ResourceSchemas["kong_service"]
	if !ok {
		t.Fatalf("kong_service missing; have %v", sortedKeys(s.ResourceSchemas))
	}
	var name *tfprotov5.SchemaAttribute
	for _, a := range svc.Block.Attributes {
		if a.Name == "name" {
			name = a
		}
	}
	if name == nil || !name.Required || !name.Type.Is(tftypes.String) {
		t.Fatalf("kong_service.name should be a required string, got %+v", name)
	}
	if _, ok := s.ResourceSchemas["kong_upstream"]; !ok {
		t.Fatal("kong_upstream missing")
	}
}

func TestConvertsTypesAndBlocks(t *testing.T) {
	raw := []byte(`{"format_version":"1.0","provider_schemas":{"registry.terraform.io/kevholditch/kong":{
	  "provider":{"version":0,"block":{"attributes":{"uri":{"type":"string","required":true}}}},
	  "resource_schemas":{"kong_x":{"version":2,"block":{
	    "attributes":{
	      "l":{"type":["list","string"],"optional":true},
	      "m":{"type":["map","number"],"optional":true,"sensitive":true},
	      "s":{"type":["set",["list","bool"]],"computed":true,"description":"d","description_kind":"markdown"}},
	    "block_types":{"b":{"nesting_mode":"set","min_items":1,"max_items":3,"block":{
	      "attributes":{"x":{"type":"string","optional":true}}}},
	      "one":{"nesting_mode":"single","block":{}}}}}}}}}`)
	s, err := loadSchema(raw, providerAddress)
	if err != nil {
		t.Fatal(err)
	}
	x := s.ResourceSchemas["kong_x"]
	if x.Version != 2 {
		t.Errorf("version = %d", x.Version)
	}
	want := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"l":   tftypes.List{ElementType: tftypes.String},
		"m":   tftypes.Map{ElementType: tftypes.Number},
		"s":   tftypes.Set{ElementType: tftypes.List{ElementType: tftypes.Bool}},
		"b":   tftypes.Set{ElementType: tftypes.Object{AttributeTypes: map[string]tftypes.Type{"x": tftypes.String}}},
		"one": tftypes.Object{AttributeTypes: map[string]tftypes.Type{}},
	}}
	if got := x.ValueType(); !got.Equal(want) {
		t.Errorf("value type = %s, want %s", got, want)
	}
	b := x.Block.BlockTypes[0]
	if b.TypeName != "b" || b.Nesting != tfprotov5.SchemaNestedBlockNestingModeSet || b.MinItems != 1 || b.MaxItems != 3 {
		t.Errorf("block b = %+v", b)
	}
	if a := x.Block.Attributes[1]; a.Name != "m" || !a.Sensitive || !a.Optional {
		t.Errorf("attribute m = %+v", a)
	}
	if a := x.Block.Attributes[2]; a.DescriptionKind != tfprotov5.StringKindMarkdown || !a.Computed {
		t.Errorf("attribute s = %+v", a)
	}
}

func TestRejectsWhatProtocol5CannotServe(t *testing.T) {
	for name, raw := range map[string]string{
		"nested_type": `{"attributes":{"a":{"nested_type":{"nesting_mode":"single","attributes":{}},"optional":true}}}`,
		"bad type":    `{"attributes":{"a":{"type":["tuple"],"optional":true}}}`,
		"bad nesting": `{"block_types":{"b":{"nesting_mode":"bag","block":{}}}}`,
	} {
		doc := `{"format_version":"1.0","provider_schemas":{"registry.terraform.io/kevholditch/kong":{"resource_schemas":{"kong_x":{"version":0,"block":` + raw + `}}}}}`
		if _, err := loadSchema([]byte(doc), providerAddress); err == nil {
			t.Errorf("%s: expected an error", name)
		}
	}
}

func TestRefusesToPlan(t *testing.T) {
	s, err := loadSchema(providerSchemaJSON, providerAddress)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := newServer(s).PlanResourceChange(context.Background(), &tfprotov5.PlanResourceChangeRequest{TypeName: "kong_service"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov5.DiagnosticSeverityError ||
		resp.Diagnostics[0].Summary != refusal || !strings.Contains(resp.Diagnostics[0].Detail, "kong_service") {
		t.Fatalf("unexpected diagnostics %+v", resp.Diagnostics)
	}
}
