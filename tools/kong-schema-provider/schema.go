package main

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The shapes below follow the output of `terraform providers schema -json` (format_version 1.0):
// https://developer.hashicorp.com/terraform/cli/commands/providers/schema

type jsonSchemas struct {
	FormatVersion   string                         `json:"format_version"`
	ProviderSchemas map[string]*jsonProviderSchema `json:"provider_schemas"`
}

type jsonProviderSchema struct {
	Provider          *jsonSchema            `json:"provider"`
	ResourceSchemas   map[string]*jsonSchema `json:"resource_schemas"`
	DataSourceSchemas map[string]*jsonSchema `json:"data_source_schemas"`
	// Functions, ephemeral resources, list resources and actions have no counterpart in
	// kevholditch/kong 6.5.1; a schema that carries them is refused (see convertProviderSchema).
	Functions                json.RawMessage `json:"functions"`
	EphemeralResourceSchemas json.RawMessage `json:"ephemeral_resource_schemas"`
	ListResourceSchemas      json.RawMessage `json:"list_resource_schemas"`
	ActionSchemas            json.RawMessage `json:"action_schemas"`
}

type jsonSchema struct {
	Version int64      `json:"version"`
	Block   *jsonBlock `json:"block"`
}

type jsonBlock struct {
	Attributes      map[string]*jsonAttribute `json:"attributes"`
	BlockTypes      map[string]*jsonBlockType `json:"block_types"`
	Description     string                    `json:"description"`
	DescriptionKind string                    `json:"description_kind"`
	Deprecated      bool                      `json:"deprecated"`
}

type jsonAttribute struct {
	Type            json.RawMessage `json:"type"`
	NestedType      json.RawMessage `json:"nested_type"`
	Description     string          `json:"description"`
	DescriptionKind string          `json:"description_kind"`
	Deprecated      bool            `json:"deprecated"`
	Required        bool            `json:"required"`
	Optional        bool            `json:"optional"`
	Computed        bool            `json:"computed"`
	Sensitive       bool            `json:"sensitive"`
	WriteOnly       bool            `json:"write_only"`
}

type jsonBlockType struct {
	NestingMode string     `json:"nesting_mode"`
	Block       *jsonBlock `json:"block"`
	MinItems    int64      `json:"min_items"`
	MaxItems    int64      `json:"max_items"`
}

// convertedSchema is what GetProviderSchema and GetMetadata answer with.
type convertedSchema struct {
	Provider          *tfprotov5.Schema
	ResourceSchemas   map[string]*tfprotov5.Schema
	DataSourceSchemas map[string]*tfprotov5.Schema
}

// loadSchema parses the output of `terraform providers schema -json` and converts the entry for
// providerAddress into protocol-5 schemas.
func loadSchema(raw []byte, providerAddress string) (*convertedSchema, error) {
	var doc jsonSchemas
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("provider-schema.json is not valid JSON: %w", err)
	}
	if doc.FormatVersion == "" || doc.FormatVersion[0] != '1' {
		return nil, fmt.Errorf("provider-schema.json: unsupported format_version %q (want 1.x)", doc.FormatVersion)
	}
	ps, ok := doc.ProviderSchemas[providerAddress]
	if !ok || ps == nil {
		names := make([]string, 0, len(doc.ProviderSchemas))
		for name := range doc.ProviderSchemas {
			names = append(names, name)
		}
		sort.Strings(names)
		return nil, fmt.Errorf("provider-schema.json has no schema for %s (it has %v)", providerAddress, names)
	}
	return convertProviderSchema(ps)
}

func convertProviderSchema(ps *jsonProviderSchema) (*convertedSchema, error) {
	for name, raw := range map[string]json.RawMessage{
		"functions":                  ps.Functions,
		"ephemeral_resource_schemas": ps.EphemeralResourceSchemas,
		"list_resource_schemas":      ps.ListResourceSchemas,
		"action_schemas":             ps.ActionSchemas,
	} {
		if !isEmptyJSON(raw) {
			return nil, fmt.Errorf("provider-schema.json has %s, which this stand-in does not serve", name)
		}
	}

	out := &convertedSchema{
		ResourceSchemas:   map[string]*tfprotov5.Schema{},
		DataSourceSchemas: map[string]*tfprotov5.Schema{},
	}
	var err error
	if ps.Provider != nil {
		if out.Provider, err = convertSchema(ps.Provider, "provider"); err != nil {
			return nil, err
		}
	} else {
		out.Provider = &tfprotov5.Schema{Block: &tfprotov5.SchemaBlock{}}
	}
	for name, s := range ps.ResourceSchemas {
		if out.ResourceSchemas[name], err = convertSchema(s, "resource "+name); err != nil {
			return nil, err
		}
	}
	for name, s := range ps.DataSourceSchemas {
		if out.DataSourceSchemas[name], err = convertSchema(s, "data source "+name); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func isEmptyJSON(raw json.RawMessage) bool {
	switch string(raw) {
	case "", "null", "{}", "[]":
		return true
	}
	return false
}

func convertSchema(s *jsonSchema, where string) (*tfprotov5.Schema, error) {
	if s == nil || s.Block == nil {
		return nil, fmt.Errorf("%s: schema has no block", where)
	}
	block, err := convertBlock(s.Block, s.Version, where)
	if err != nil {
		return nil, err
	}
	return &tfprotov5.Schema{Version: s.Version, Block: block}, nil
}

func convertBlock(b *jsonBlock, version int64, where string) (*tfprotov5.SchemaBlock, error) {
	out := &tfprotov5.SchemaBlock{
		Version:         version,
		Description:     b.Description,
		DescriptionKind: convertDescriptionKind(b.DescriptionKind),
		Deprecated:      b.Deprecated,
	}

	for _, name := range sortedKeys(b.Attributes) {
		a := b.Attributes[name]
		at := where + "." + name
		if a == nil {
			return nil, fmt.Errorf("%s: attribute is null", at)
		}
		if !isEmptyJSON(a.NestedType) {
			// Nested attribute types exist only in protocol 6; kevholditch/kong is a protocol-5 provider.
			return nil, fmt.Errorf("%s: nested_type attributes cannot be served over protocol 5", at)
		}
		if isEmptyJSON(a.Type) {
			return nil, fmt.Errorf("%s: attribute has no type", at)
		}
		typ, err := tftypes.ParseJSONType(a.Type)
		if err != nil {
			return nil, fmt.Errorf("%s: type %s: %w", at, string(a.Type), err)
		}
		if !a.Required && !a.Optional && !a.Computed {
			return nil, fmt.Errorf("%s: attribute is neither required, optional nor computed", at)
		}
		out.Attributes = append(out.Attributes, &tfprotov5.SchemaAttribute{
			Name:            name,
			Type:            typ,
			Description:     a.Description,
			DescriptionKind: convertDescriptionKind(a.DescriptionKind),
			Deprecated:      a.Deprecated,
			Required:        a.Required,
			Optional:        a.Optional,
			Computed:        a.Computed,
			Sensitive:       a.Sensitive,
			WriteOnly:       a.WriteOnly,
		})
	}

	for _, name := range sortedKeys(b.BlockTypes) {
		bt := b.BlockTypes[name]
		at := where + "." + name
		if bt == nil || bt.Block == nil {
			return nil, fmt.Errorf("%s: block type has no block", at)
		}
		nesting, err := convertNestingMode(bt.NestingMode)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", at, err)
		}
		inner, err := convertBlock(bt.Block, 0, at)
		if err != nil {
			return nil, err
		}
		out.BlockTypes = append(out.BlockTypes, &tfprotov5.SchemaNestedBlock{
			TypeName: name,
			Block:    inner,
			Nesting:  nesting,
			MinItems: bt.MinItems,
			MaxItems: bt.MaxItems,
		})
	}
	return out, nil
}

func convertNestingMode(mode string) (tfprotov5.SchemaNestedBlockNestingMode, error) {
	switch mode {
	case "single":
		return tfprotov5.SchemaNestedBlockNestingModeSingle, nil
	case "group":
		return tfprotov5.SchemaNestedBlockNestingModeGroup, nil
	case "list":
		return tfprotov5.SchemaNestedBlockNestingModeList, nil
	case "set":
		return tfprotov5.SchemaNestedBlockNestingModeSet, nil
	case "map":
		return tfprotov5.SchemaNestedBlockNestingModeMap, nil
	}
	return tfprotov5.SchemaNestedBlockNestingModeInvalid, fmt.Errorf("unknown nesting_mode %q", mode)
}

func convertDescriptionKind(kind string) tfprotov5.StringKind {
	if kind == "markdown" {
		return tfprotov5.StringKindMarkdown
	}
	return tfprotov5.StringKindPlain
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
