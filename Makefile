# `sam build` builds the shared layer with this target (template.yaml: SharedLayer, BuildMethod
# makefile). It bundles each subpath of @bc-loyalty/shared into $(ARTIFACTS_DIR)/nodejs/node_modules.
build-SharedLayer:
	node --import tsx layers/shared/build.ts "$(ARTIFACTS_DIR)"

# The admin UI's function (template.yaml: AdminUiFunction, BuildMethod makefile): its handler and,
# in ui/, the UI bundle it serves.
build-AdminUiFunction:
	node --import tsx admin/build.ts "$(ARTIFACTS_DIR)"
