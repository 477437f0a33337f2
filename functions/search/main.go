// Command search is the search function of pkportal for AWS Lambda (as
// Netlify deploys it): it answers /api/search from the search index built
// at generation time and embedded in the binary (reportdata.SearchIndex),
// opened in place, so a cold start builds nothing.
package main

import (
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"pkportal/functions/lambdahttp"
	"pkportal/functions/reportdata"
	"pkportal/functions/search/searchapi"
	"pkportal/search"
)

func main() {
	ix, err := search.Open(reportdata.SearchIndex())
	if err != nil {
		log.Fatalf("search function: embedded index: %v", err)
	}
	lambda.Start(lambdahttp.Handler(searchapi.New(ix)))
}
