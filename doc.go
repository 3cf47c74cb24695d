// Package throughline is a self-hosted platform that grows purpose-driven leaders in
// middle management. The program is cmd/throughline; the code is under internal/.
package throughline
