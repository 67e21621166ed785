package analysis

import "github.com/custseg/custseg/analysis/btyd"

// The purchase and spend models live in package btyd; these names stay
// here only until the reports and jobs packages, being moved on other
// branches, refer to btyd directly.
type (
	// BGNBD is btyd.BGNBD.
	BGNBD = btyd.BGNBD
	// MBGNBD is btyd.MBGNBD.
	MBGNBD = btyd.MBGNBD
	// GammaGamma is btyd.GammaGamma.
	GammaGamma = btyd.GammaGamma
	// ModelFit is btyd.ModelFit.
	ModelFit = btyd.ModelFit
)

// Purchase model keys: btyd's.
const (
	ModelBGNBD     = btyd.ModelBGNBD
	ModelMBGNBD    = btyd.ModelMBGNBD
	ModelParetoNBD = btyd.ModelParetoNBD
)
